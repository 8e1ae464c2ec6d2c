// The peer: bitget-api (tiagosiebler/bitget-api, pinned in package.json) as its README shows it, its v2 public
// WebSocket client pointed at the benchmark's pattern server with the client's own `wsUrl` option (getWsUrl returns
// options.wsUrl when it is set). The handler counts ticker updates as they come out of bitget-api, which has already
// JSON.parse'd each frame and sorted it into an 'update' event; nothing else is done with them.
//
// usage: node bitget-api-client.js WS_URL SECONDS SYMBOL,SYMBOL,...
// Runs SECONDS, then prints "COUNT n" (tickers received) and exits. Its CPU is measured by bench/Bitget.EndToEnd --peers.
'use strict';
const { WebsocketClientV2 } = require('bitget-api');

const [url, seconds, symbols] = process.argv.slice(2);
const client = new WebsocketClientV2({ wsUrl: url });
let tickers = 0;
client.on('update', (event) => {
  if (event.arg && event.arg.channel === 'ticker')
    tickers += event.data.length;
});
client.on('exception', (event) => console.error('exception', JSON.stringify(event)));
for (const symbol of symbols.split(','))
  client.subscribeTopic('USDT-FUTURES', 'ticker', symbol);

setTimeout(() => {
  process.stdout.write(`COUNT ${tickers}\n`, () => process.exit(0));
}, Number(seconds) * 1000);
