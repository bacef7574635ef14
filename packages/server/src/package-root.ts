/**
 * The server package's folder (the one holding package.json), for files read at run time: migrations, playground
 * assets, package.json. This module sits directly in `src/`, and the bundle esbuild makes of the server sits
 * directly in `dist/`, so `..` from here is the package folder in both.
 */
export const PACKAGE_ROOT: URL = new URL("../", import.meta.url);
