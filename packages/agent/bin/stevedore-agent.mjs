#!/usr/bin/env node
// The package ships TypeScript source; tsx's loader runs it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
await main(process.argv.slice(2));
