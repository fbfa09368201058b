export { startServer, type RunningServer, type ServerParts } from "./server.ts";
export { loadConfig, type Config } from "./config.ts";
