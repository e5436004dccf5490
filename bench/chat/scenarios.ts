import { join } from 'node:path';

/** What one measured run starts: the bare baseline or the api, on one or two processes. */
export interface Scenario {
  key: 'bare-1' | 'api-1' | 'bare-2' | 'api-2';
  label: string;
  script: string;
  instances: 1 | 2;
  /** The bare scenario this one is compared with; none for a baseline. */
  baseline?: Scenario['key'];
  isApi: boolean;
}

/** Compiled next to this file: dist/bench/chat. */
const BARE_SCRIPT = join(__dirname, 'bare-server.js');
const API_SCRIPT = join(__dirname, '../../apps/api/src/main.js');

export const SCENARIOS: Scenario[] = [
  {
    key: 'bare-1',
    label: 'baseline: bare socket.io, 1 process',
    script: BARE_SCRIPT,
    instances: 1,
    isApi: false,
  },
  {
    key: 'api-1',
    label: 'api, 1 instance (in-memory adapter)',
    script: API_SCRIPT,
    instances: 1,
    baseline: 'bare-1',
    isApi: true,
  },
  {
    key: 'bare-2',
    label: 'baseline: bare socket.io, 2 processes over Redis',
    script: BARE_SCRIPT,
    instances: 2,
    isApi: false,
  },
  {
    key: 'api-2',
    label: 'api, 2 instances over Redis',
    script: API_SCRIPT,
    instances: 2,
    baseline: 'bare-2',
    isApi: true,
  },
];
