// The floor of a Node client: the `ws` package alone (the version bitget-api depends on, pinned in package.json),
// one subscribe request for all the topics, and a message handler that only counts ticker frames (one byte looked at
// to tell a push, {"action":…, from a subscribe ack, {"event":…; no JSON parse).
//
// usage: node ws-client.js WS_URL SECONDS SYMBOL,SYMBOL,...
// Runs SECONDS, then prints "COUNT n" (ticker frames received) and exits. Its CPU is measured by bench/Bitget.EndToEnd --peers.
'use strict';
const WebSocket = require('ws');

const [url, seconds, symbols] = process.argv.slice(2);
const socket = new WebSocket(url);
let frames = 0;
socket.on('open', () => {
  socket.send(JSON.stringify({
    op: 'subscribe',
    args: symbols.split(',').map((instId) => ({ instType: 'USDT-FUTURES', channel: 'ticker', instId })),
  }));
});
socket.on('message', (data) => {
  if (data[2] === 0x61 /* 'a' of {"action" */)
    frames++;
});
socket.on('error', (error) => console.error('error', error.message));

setTimeout(() => {
  process.stdout.write(`COUNT ${frames}\n`, () => process.exit(0));
}, Number(seconds) * 1000);
