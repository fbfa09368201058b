/**
 * The architecture's import rules, checked in `npm test` (`npm run lint:imports`).
 * Workspaces import each other by package name; the cruiser follows the symlinks to their folders.
 */
const DATABASE = "^node_modules/(@prisma|prisma|better-sqlite3)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "console-is-a-client",
      comment: "The console is a client of the AWS APIs: it never imports the server, the agent or the composition root.",
      severity: "error",
      from: { path: "^apps/console/" },
      to: { path: "^(apps/(server|stevedore)|packages/agent)/" },
    },
    {
      name: "server-runs-agents-it-is-handed",
      comment: "The server starts embedded agents through the factory apps/stevedore hands it; it never imports the agent package.",
      severity: "error",
      from: { path: "^apps/server/src/" },
      to: { path: "^(packages/agent|apps/stevedore)/" },
    },
    {
      name: "agent-talks-http",
      comment: "The agent reaches the control plane over HTTP only, as a real ECS agent does.",
      severity: "error",
      from: { path: "^packages/agent/" },
      to: { path: `^apps/|${DATABASE}` },
    },
    {
      name: "model-and-scheduler-are-pure",
      comment: "The shared model and the scheduler import neither an app, the agent nor the database.",
      severity: "error",
      from: { path: "^packages/(shared|scheduler)/" },
      to: { path: `^(apps|packages/agent)/|${DATABASE}` },
    },
    {
      name: "scheduler-has-no-io",
      comment: "Placement is a pure function of its inputs: no Node built-ins.",
      severity: "error",
      from: { path: "^packages/scheduler/src/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "only-the-store-touches-the-database",
      comment:
        "The store layer (apps/server/src/store, over db/) is the one importer of Prisma. Older modules that still do are " +
        "listed in .dependency-cruiser-known-violations.json: the list may only shrink.",
      severity: "error",
      from: { path: "^apps/server/src/", pathNot: "^apps/server/src/(store|db|generated)/" },
      to: { path: `^apps/server/src/(db|generated)/|${DATABASE}` },
    },
    {
      name: "no-cycles",
      comment: "A runtime cycle between modules makes their load order matter and their jobs blur (type-only imports do not count).",
      severity: "error",
      from: { path: "^(apps|packages)/[^/]+/src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "resolvable",
      comment: "Every import resolves to a file or an installed package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|output|generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    moduleSystems: ["es6", "cjs"],
  },
};
