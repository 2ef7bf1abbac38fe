// ESM resolve hook: `import('electron-store')` and `import 'electron'` get the stand-ins.
const here = new URL('./', import.meta.url);

export async function resolve(specifier, context, next) {
  if (specifier === 'electron-store') return { url: new URL('electron-store.mjs', here).href, shortCircuit: true };
  if (specifier === 'electron') return { url: new URL('electron.cjs', here).href, shortCircuit: true };
  return next(specifier, context);
}
