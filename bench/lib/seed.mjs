// The bench's seed for the local API server: the embedded seed (the demo projects, as the
// console's own demo has them), plus in the demo project one service with 200 port
// mappings, plus a project of its own with exactly 1,000 services for the list.

import fs from 'node:fs';
import path from 'node:path';

export const PORTS200_SERVICE_ID = 'b3c4d5e6-0200-4200-8200-000000000200';
export const LIST_PROJECT_ID = 'be0c1000be0c1000be0c1000be0c1000';
export const LIST_SIZE = 1000;
/// A project of 300 services for the batch part: every third one advanced already.
export const BATCH_PROJECT_ID = 'ba7c4000ba7c4000ba7c4000ba7c4000';
export const BATCH_SIZE = 300;

/// Reads local-api/seed/demo.env (KEY=value lines).
export function readDemoEnv(root) {
  const env = {};
  for (const line of fs.readFileSync(path.join(root, 'local-api/seed/demo.env'), 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

const hex = (n, width) => n.toString(16).padStart(width, '0');

export function listServiceName(i) {
  return `svc-${String(i).padStart(4, '0')}`;
}

export function makeSeed(root, demo) {
  const seed = JSON.parse(fs.readFileSync(path.join(root, 'local-api/seed/default.json'), 'utf8'));
  const project = seed.projects.find((p) => p.project_id === demo.DEMO_PROJECT_ID);
  if (!project) throw new Error('the embedded seed has no demo project');
  project.services.push({
    id: PORTS200_SERVICE_ID,
    service_name: 'ports-200',
    port_id: 'b3c4d5e6-0200-4200-8200-00000000a200',
    server_type: 'VM',
    status: 'available',
    approval_enabled: false,
    tcp_proxy: 'close',
    description: 'Two hundred port mappings',
    ports: Array.from({ length: 200 }, (_, i) => ({ client_port: 10000 + i, server_port: 20000 + i, protocol: 'TCP' })),
    created_at: '2025-02-01T00:00:00Z',
    updated_at: '2025-02-01T00:00:00Z',
  });
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  const services = [];
  for (let i = 0; i < LIST_SIZE; i++) {
    const created = new Date(t0 + i * 3600_000).toISOString().replace('.000Z', 'Z');
    const updated = new Date(t0 + i * 3600_000 + ((i * 7919) % 500) * 60_000).toISOString().replace('.000Z', 'Z');
    services.push({
      id: `0b1e0000-0000-4000-8000-${hex(i, 12)}`,
      service_name: listServiceName(i),
      port_id: `0b1e0000-0000-4000-9000-${hex(i, 12)}`,
      server_type: ['VM', 'LB', 'VIP'][i % 3],
      status: i % 50 === 7 ? 'failed' : 'available',
      approval_enabled: i % 2 === 0,
      supported_editions: i % 4 === 0 ? ['basic', 'profession'] : ['basic'],
      tcp_proxy: 'close',
      description: `Service number ${i}`,
      ports: Array.from({ length: 1 + (i % 3) }, (_, k) => ({ client_port: 1000 + k, server_port: 2000 + k, protocol: 'TCP' })),
      created_at: created,
      updated_at: updated,
    });
  }
  seed.projects.push({ project_id: LIST_PROJECT_ID, region: 'cn-north-4', dialect: 'huawei', services });
  const batch = [];
  for (let i = 0; i < BATCH_SIZE; i++) {
    batch.push({
      id: `0ba70000-0000-4000-8000-${hex(i, 12)}`,
      service_name: `batch-${String(i).padStart(3, '0')}`,
      port_id: `0ba70000-0000-4000-9000-${hex(i, 12)}`,
      server_type: 'VM',
      status: 'available',
      supported_editions: i % 3 === 0 ? ['basic', 'profession'] : ['basic'],
      ports: [{ client_port: 1000, server_port: 2000, protocol: 'TCP' }],
      created_at: new Date(t0 + i * 3600_000).toISOString().replace('.000Z', 'Z'),
      updated_at: new Date(t0 + i * 3600_000).toISOString().replace('.000Z', 'Z'),
    });
  }
  seed.projects.push({ project_id: BATCH_PROJECT_ID, region: 'cn-north-4', dialect: 'huawei', services: batch });
  return seed;
}
