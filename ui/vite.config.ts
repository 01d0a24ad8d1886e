import { defineConfig } from 'vite';

// The app runs inside a Tauri v2 window from ui/dist; relative asset paths keep it location-independent.
export default defineConfig({
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: false,
    // Keep all assets as files: a strict CSP forbids data: URLs and inline code.
    assetsInlineLimit: 0,
  },
});
