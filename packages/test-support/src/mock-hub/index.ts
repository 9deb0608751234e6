// The mock hub for every package's tests: the server, and the repo sets beside the shared checkpoints.
export * from "./google-like-repos.js";
export * from "./mock-hub-server.js";
