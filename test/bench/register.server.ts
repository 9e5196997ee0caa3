/**
 * The api of the sign-up storm bench in a process of its own, as deployed: the load generator
 * (register.bench.ts) then does not share its event loop. Settings come from the environment the
 * bench passes (parseEnv); prints `{"url": …}` once listening; stops on SIGTERM.
 */
import { parseEnv } from '../../api/src/env.js';
import { startApi } from '../../api/src/server.js';

const api = await startApi(parseEnv(process.env), { sweep: false, scheduler: false });
console.log(JSON.stringify({ url: api.url }));
process.once('SIGTERM', () => void api.stop().then(() => process.exit(0)));
