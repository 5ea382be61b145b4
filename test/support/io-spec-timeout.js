// An int or e2e spec talks gRPC to a node and often HTTP to the app: on a busy 2-core machine a step can take
// more than jest's 5 s, which is a budget for a unit test, not for them (speed is measured by the benches).
// A spec that needs longer still sets its own with jest.setTimeout.
jest.setTimeout(30_000);
