// Package data ships the question banks embedded in the binary.
package data

import "embed"

// Banks holds the shipped banks, every *.md file in this directory.
//
//go:embed *.md
var Banks embed.FS

// Dir is the directory within Banks that holds the bank files.
const Dir = "."
