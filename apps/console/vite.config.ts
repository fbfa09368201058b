import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/** The Stevedore server: AWS APIs on POST /, the agent protocol under /agent. */
const SERVER = "http://127.0.0.1:4400";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: "127.0.0.1",
    proxy: {
      // Only the API calls (POST /) go to the server; GET / is the dev server's own index.html.
      "^/$": {
        target: SERVER,
        bypass: (req) => (req.method === "POST" ? undefined : req.url),
      },
      "/agent": { target: SERVER },
    },
  },
  // One local bundle (React, react-query); no CDN, so the 500 kB warning does not apply.
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
