/**
 * The console page and its script. The script is TypeScript (bot/console/client.ts, importing the
 * shared taxonomy for labels) bundled by esbuild, which ships with tsx, on first request: nothing
 * built is committed, and esbuild is loaded only here, in development.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../console/', import.meta.url));

export function consoleAssets() {
  let script: Promise<string> | undefined;
  return {
    page: () => readFileSync(`${dir}index.html`, 'utf8'),
    script() {
      script ??= (async () => {
        const { build } = await import('esbuild');
        const out = await build({
          entryPoints: [`${dir}client.ts`],
          bundle: true,
          write: false,
          format: 'iife',
          target: 'es2020',
          conditions: ['source'],
          logLevel: 'silent',
        });
        return out.outputFiles[0]!.text;
      })();
      // A failed build is retried on the next request rather than cached.
      script.catch(() => (script = undefined));
      return script;
    },
  };
}
