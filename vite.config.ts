import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web UI lives in src/web; the server serves dist/web in production and proxies nothing.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
