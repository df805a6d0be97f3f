"""What tests and benchmarks share: a real chat server on a free loopback port, a signed-in
Socket.IO client, the example intranet page, slow clients, a stub language-model endpoint, and
waiting for a condition instead of for a fixed time."""
