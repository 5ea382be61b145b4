/**
 * Makes the compiled apps resolve the `@app/*` path aliases without ts-node: `node -r
 * ./dist/apps/register-paths.js dist/apps/<app>/src/main.js` (see `npm run start:prod`). tsc leaves
 * `require('@app/event-store')` as written, so at run time the same `paths` as in development are mapped, by
 * the same package (tsconfig-paths), onto the compiled tree instead of the sources. The `paths` are read from
 * `tsconfig.json` through this import, so tsc copies that file into the build and the build needs nothing
 * from the source tree to run.
 */
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

// This file compiles to <outDir>/apps/register-paths.js; the aliases' targets (libs/…) lie under <outDir>.
register({ baseUrl: join(__dirname, '..'), paths: compilerOptions.paths });
