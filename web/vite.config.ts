import { defineConfig } from 'vite';

// The widget is one ES module with a stable name (pages embed it by URL), built as an app entry so it is fully
// minified. The pages and their CSS are static files in public/, copied as they are: they hold no inline script or
// style, which the server's Content-Security-Policy forbids.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'src/support-chat.ts',
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        entryFileNames: 'support-chat.js',
        // One file: nothing is split into chunks a page would have to find.
        codeSplitting: false,
      },
    },
  },
});
