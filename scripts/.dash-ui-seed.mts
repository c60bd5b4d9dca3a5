import { generate } from './bench-data';
import { seedCore } from '../src/lib/server/seed/core';
const db = generate('/tmp/rida-dash-ui/rida.db', { responses: 30000, requests: 6000, days: 548 });
await seedCore();
db.$client.close();
console.log('ok');
