/**
 * One server of the browse bench in a process of its own, so that autocannon (in the bench
 * process) does not share its event loop: `browse.server.ts app|baseline`. MONGODB_URI names the
 * seeded database. Prints `{"url": …}` once listening; stops on SIGTERM.
 */
import { startApi } from '../../api/src/server.js';
import { startBaselineServer } from './browse.baseline.js';
import { benchEnv } from './support.js';

const kind = process.argv[2];
const uri = process.env.MONGODB_URI!;
let server: { url: string; stop(): Promise<void> };
if (kind === 'app') {
  // The real api as deployed, minus the background work that would compete with the requests.
  server = await startApi(benchEnv(uri), { scheduler: false, sweep: false });
} else if (kind === 'baseline') {
  server = await startBaselineServer(uri);
} else {
  console.error('usage: browse.server.ts app|baseline');
  process.exit(2);
}
console.log(JSON.stringify({ url: server.url }));
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
