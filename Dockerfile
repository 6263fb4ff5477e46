# syntax=docker/dockerfile:1
# kubequiz: a static binary with the question bank embedded, on a minimal
# non-root image with CA certificates and time zones (distroless/static).
# Build: docker build --build-arg VERSION=$(git describe --tags --always) -t kubequiz .
# deploy/dockerfile_test.go (run by the tests) runs the build step below
# without a container engine and checks the binary it makes. The Go image is
# pinned to a release (the bot prints its Go version), as the Go that CI uses.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/bot ./cmd/bot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/bot"]
