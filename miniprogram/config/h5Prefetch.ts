/**
 * The api requests a page makes first, started by index.html's inline script (routePreload.ts) while the app's
 * JavaScript is still on its way. Each is stored under the exact URL the page will request (src/lib/api.ts builds
 * it the same way: base + path + query in the page's parameter order, values escaped with encodeURIComponent), and
 * src/lib/prefetch.ts hands it over once. A URL that does not match simply goes to the network as before, so a
 * page whose requests change here only loses the head start; test/bench/phone.bench.ts counts duplicate requests.
 *
 * Only public reads (the pages call them with `auth: false`): their answer is the same for everyone.
 */

/** JavaScript (ES5, inline in index.html): runs after `route` and `params` are set. */
export function prefetchScript(apiBase: string): string {
  return `var api=${JSON.stringify(apiBase.replace(/\/+$/, ''))},store=window.__tbPrefetch={};
function get(path){var url=api+path;store[url]=fetch(url,{headers:{'content-type':'application/json'},credentials:'same-origin'})
.then(function(r){return r.text().then(function(t){return{status:r.status,body:t};});})['catch'](function(){return null;});}
var id=/^[0-9a-f]{24}$/.test(params.id||'')?params.id:'';
var from=encodeURIComponent(new Date(Math.floor(Date.now()/60000)*60000).toISOString());
if(route==='pages/index/index'){get('/policies?pageSize=5');get('/events?from='+from+'&pageSize=5');get('/programs?from='+from+'&pageSize=5');}
else if(id&&route==='pages/event/detail')get('/events/'+id);
else if(id&&route==='pages/policy/detail')get('/policies/'+id);
else if(id&&route==='pages/program/detail')get('/programs/'+id);`;
}
