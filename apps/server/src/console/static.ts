/** Serves the built console, with index.html (naming this server's region and the caller's account) for every client-side route. */
import fs from "node:fs";
import path from "node:path";
import express, { type Request, type Router } from "express";

export function consoleRoutes(dir: string, region: string, accountOf: (req: Request) => Promise<string | undefined>): Router {
  const router = express.Router();
  router.use(express.static(dir, { index: false, maxAge: "1h" }));
  router.get(/.*/, async (req, res) => {
    const index = path.join(dir, "index.html");
    if (!fs.existsSync(index)) {
      res.status(503).type("text/plain").send("The console is not built. Run `npm start`, which builds it.");
      return;
    }
    const account = (await accountOf(req)) ?? "";
    const html = fs
      .readFileSync(index, "utf8")
      .replace('<meta name="aws-region" content="" />', `<meta name="aws-region" content="${region}" />`)
      .replace('<meta name="aws-account" content="" />', `<meta name="aws-account" content="${account}" />`);
    res.type("html").setHeader("cache-control", "no-cache").send(html);
  });
  return router;
}
