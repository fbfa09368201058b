import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/** The Stevedore server: AWS APIs on POST /, the agent protocol under /agent. */
const SERVER = "http://127.0.0.1:4400";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "intl-messageformat": new URL("./src/lib/build/plain-message-format.ts", import.meta.url).pathname },
  },
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
  // A chunk per route (app/routes.tsx); the build prints each one. The first page loads the frame's
  // chunks and its own: at most 300 KB gzip (the bench in e2e/bench measures it).
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        // ECS's API model and the task definition checks serve only the task definition and run pages:
        // a chunk of their own, not the common chunk every page loads.
        advancedChunks: {
          includeDependenciesRecursively: false,
          groups: [{ name: "ecs-model", test: /packages[\\/]shared[\\/]src[\\/](aws[\\/](models|decode)|task-definition-(decode|rules))/ }],
        },
      },
    },
  },
});
