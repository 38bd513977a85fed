// A typed use of the @hey-api/openapi-ts SDK against a live server: filing with the
// Idempotency-Key header (a retry replays it) and a review with the If-Match header, both typed
// in the operation signatures (leaving out If-Match does not compile, see @ts-expect-error).
// Usage: PLATE_PERMITS_URL=... ADMIN_PASSWORD=... node dist/usage.js (a fresh database whose
// `admin` has BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD).
import { randomInt, randomUUID } from 'node:crypto';
import { type Client, createClient, createConfig } from './client/client/index.js';
import {
  changePassword,
  createOrganisation,
  createRequest,
  createUser,
  getRequest,
  loginUser,
  reviewRequest,
} from './client/sdk.gen.js';
import type { CreateRequest } from './client/types.gen.js';

const baseUrl = process.env.PLATE_PERMITS_URL ?? '';

function check(cond: boolean, what: string): asserts cond {
  if (!cond) {
    console.error(`hey-api usage: FAILED: ${what}`);
    process.exit(1);
  }
}

function clientFor(token?: string): Client {
  const headers: Record<string, string> = { 'Accept-Language': 'en' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return createClient(createConfig({ baseUrl, headers }));
}

async function signIn(username: string, password: string) {
  const { data, response } = await loginUser({ client: clientFor(), body: { username, password } });
  check(data !== undefined, `${username} signs in: ${response?.status}`);
  return { client: clientFor(data.access_token), login: data };
}

function legalId(firstTen: string): string {
  const weights = [29, 27, 23, 19, 17];
  const d = [...firstTen].map(Number);
  const base = (d[9] ?? 0) + 2;
  const r = d.reduce((sum, x, i) => sum + (base + x) * (weights[i % 5] ?? 0), 0) % 11;
  return firstTen + String(r === 10 ? 0 : r);
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

async function main() {
  const bootstrap = process.env.ADMIN_PASSWORD ?? '';
  const first = await signIn('admin', bootstrap);
  const newPassword = `admin-${randomUUID()}`;
  const changed = await changePassword({ client: first.client, body: { current_password: bootstrap, new_password: newPassword } });
  check(changed.response?.status === 204, `password change: ${changed.response?.status}`);
  const admin = await signIn('admin', newPassword);

  const org = await createOrganisation({
    client: admin.client,
    body: { name: 'شهرداری آزمون', kind: 'agency', national_id: legalId('1' + digits(9)) },
  });
  check(org.data !== undefined, `agency organisation: ${org.response?.status}`);
  const user = async (role: 'agency' | 'directorate', organisation_id: string, full_name: string) => {
    const username = `${role}-${digits(8)}`;
    const password = `pw-${randomUUID()}`;
    const made = await createUser({ client: admin.client, body: { username, full_name, role, organisation_id, password } });
    check(made.data !== undefined, `${role} user: ${made.response?.status}`);
    return signIn(username, password);
  };
  const agency = await user('agency', org.data.id, 'مریم کریمی');
  const directorate = await user('directorate', admin.login.user.organisation_id, 'علی رضایی');

  // Idempotency-Key: a typed header of createRequest.
  const body: CreateRequest = {
    vehicle: {
      plate: `${randomInt(10, 100)} الف ${randomInt(100, 1000)} ایران ${randomInt(10, 100)}`,
      vin: Array.from({ length: 17 }, () => 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'[randomInt(33)]).join(''),
      engine_number: '124K0123456',
      make: 'ایران خودرو',
      model: 'سمند LX',
      year: 1391,
      vehicle_type: 'passenger_car',
    },
    reason: 'auction_sale',
    letter: { number: '۱۲۳/۴۵۶', date: '1403/08/15' },
    contact: { name: 'رضا احمدی', mobile: '۰۹۱۴۱۲۳۴۵۶۷' },
  };
  const key = randomUUID();
  const filed = await createRequest({ client: agency.client, body, headers: { 'Idempotency-Key': key } });
  check(filed.data !== undefined && filed.response?.status === 201, `filing: ${filed.response?.status} ${JSON.stringify(filed.error)}`);
  const replay = await createRequest({ client: agency.client, body, headers: { 'Idempotency-Key': key } });
  check(replay.data?.id === filed.data.id, 'an idempotent retry returns the same request');
  check(replay.response?.headers.get('Idempotent-Replayed') === 'true', 'the replay says Idempotent-Replayed: true');
  console.log(`  ok  filed with Idempotency-Key, replayed: ${filed.data.tracking_code}`);

  // If-Match: a required typed header of reviewRequest.
  const id = filed.data.id;
  const read = await getRequest({ client: directorate.client, path: { id } });
  const etag = read.response?.headers.get('ETag') ?? null;
  check(etag !== null, 'an ETag on the request');
  if (process.env.NEVER_SET_COMPILE_CHECK === 'never') {
    // @ts-expect-error If-Match is required by the signature.
    await reviewRequest({ client: directorate.client, path: { id } });
  }
  const reviewed = await reviewRequest({ client: directorate.client, path: { id }, headers: { 'If-Match': etag } });
  check(reviewed.data?.status === 'under_review', `review with If-Match: ${reviewed.response?.status} ${JSON.stringify(reviewed.error)}`);
  const stale = await reviewRequest({ client: directorate.client, path: { id }, headers: { 'If-Match': etag } });
  check(stale.response?.status === 412, `a stale If-Match is refused with 412: ${stale.response?.status}`);
  console.log('  ok  reviewed with If-Match; the stale ETag got 412');
  console.log('hey-api usage: passed');
}

main().catch((e: unknown) => {
  console.error('hey-api usage: FAILED:', e);
  process.exit(1);
});
