/** Serves the built console, with index.html for every client-side route. */
import fs from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

export function consoleRoutes(dir: string): Router {
  const router = express.Router();
  router.use(express.static(dir, { index: false, maxAge: "1h" }));
  router.get(/.*/, (_req, res) => {
    const index = path.join(dir, "index.html");
    if (fs.existsSync(index)) res.sendFile(index, { headers: { "cache-control": "no-cache" } });
    else res.status(503).type("text/plain").send("The console is not built. Run `npm start`, which builds it.");
  });
  return router;
}
