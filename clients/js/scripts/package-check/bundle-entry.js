// The entry a browser app would have: bundled by esbuild (platform browser) from the installed package.
import { WebSocketManager } from 'realtime-hub-client';

const manager = new WebSocketManager({ url: 'wss://hub.example/api/ws/realtime' });
manager.subscribe('alerts', (event) => console.log(event));
export default manager;
