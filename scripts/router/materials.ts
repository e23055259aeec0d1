/** Material the editor-style prompts are built around: code, logs, diffs, prose. Hand-written. */

export const SNIPPETS: readonly string[] = [
  "function debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}",
  "def chunks(xs, n):\n    for i in range(0, len(xs), n):\n        yield xs[i:i + n]",
  "export async function loadUser(id: string) {\n  const res = await fetch(`/api/users/${id}`);\n  if (!res.ok) throw new Error('failed');\n  return res.json() as Promise<User>;\n}",
  "func Sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}",
  "SELECT u.id, COUNT(o.id) AS orders\nFROM users u LEFT JOIN orders o ON o.user_id = u.id\nWHERE o.created_at > NOW() - INTERVAL '30 days'\nGROUP BY u.id;",
  "fn parse_port(s: &str) -> Option<u16> {\n    s.trim().parse::<u16>().ok()\n}",
  "public int indexOf(int[] a, int x) {\n    for (int i = 0; i <= a.length; i++) {\n        if (a[i] == x) return i;\n    }\n    return -1;\n}",
  "const total = items.reduce((acc, it) => acc + it.price * it.qty);",
  "class Cache:\n    def __init__(self):\n        self.data = {}\n    def get(self, k, default=None):\n        return self.data.get(k, default)\n    def put(self, k, v):\n        self.data[k] = v",
  "useEffect(() => {\n  const id = setInterval(tick, 1000);\n}, []);",
  "for i in range(len(nums)):\n    if nums[i] == target:\n        nums.remove(nums[i])",
  "#!/bin/bash\nfor f in *.log; do\n  gzip $f\ndone",
  "let mut v = vec![1, 2, 3];\nlet first = &v[0];\nv.push(4);\nprintln!(\"{}\", first);",
  "if (user = null) {\n  return res.status(404).send();\n}",
  "def is_prime(n):\n    for d in range(2, n):\n        if n % d == 0:\n            return False\n    return True",
  "const re = /^([a-z0-9_.-]+)@([\\da-z.-]+)\\.([a-z.]{2,6})$/;",
  "var wg sync.WaitGroup\nfor _, u := range urls {\n\tgo func() {\n\t\twg.Add(1)\n\t\tfetch(u)\n\t\twg.Done()\n\t}()\n}\nwg.Wait()",
  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:latest",
];

export const LONG_FILES: readonly string[] = [
  "import { readFile } from 'node:fs/promises';\nimport path from 'node:path';\n\nexport interface Config {\n  port: number;\n  host: string;\n  logLevel: 'debug' | 'info' | 'warn';\n  features: string[];\n}\n\nconst DEFAULTS: Config = { port: 8080, host: '0.0.0.0', logLevel: 'info', features: [] };\n\nexport async function loadConfig(dir: string): Promise<Config> {\n  const file = path.join(dir, 'app.config.json');\n  let raw: string;\n  try {\n    raw = await readFile(file, 'utf8');\n  } catch {\n    return DEFAULTS;\n  }\n  const parsed = JSON.parse(raw);\n  return { ...DEFAULTS, ...parsed };\n}\n\nexport function describe(config: Config): string {\n  return `${config.host}:${config.port} (${config.logLevel})`;\n}\n\nexport function hasFeature(config: Config, name: string): boolean {\n  return config.features.includes(name);\n}\n",
  "import sqlite3\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass Todo:\n    id: int\n    title: str\n    done: bool\n\n\nclass TodoRepo:\n    def __init__(self, path):\n        self.conn = sqlite3.connect(path)\n        self.conn.execute('create table if not exists todos (id integer primary key, title text, done int)')\n\n    def add(self, title):\n        cur = self.conn.execute('insert into todos (title, done) values (?, 0)', (title,))\n        self.conn.commit()\n        return cur.lastrowid\n\n    def list(self):\n        rows = self.conn.execute('select id, title, done from todos').fetchall()\n        return [Todo(r[0], r[1], bool(r[2])) for r in rows]\n\n    def complete(self, todo_id):\n        self.conn.execute('update todos set done = 1 where id = ?', (todo_id,))\n        self.conn.commit()\n\n    def delete(self, todo_id):\n        self.conn.execute('delete from todos where id = ?', (todo_id,))\n        self.conn.commit()\n",
  "package main\n\nimport (\n\t\"encoding/json\"\n\t\"log\"\n\t\"net/http\"\n\t\"sync\"\n)\n\ntype Store struct {\n\tmu    sync.Mutex\n\titems map[string]string\n}\n\nfunc (s *Store) Get(w http.ResponseWriter, r *http.Request) {\n\tkey := r.URL.Query().Get(\"key\")\n\ts.mu.Lock()\n\tv, ok := s.items[key]\n\ts.mu.Unlock()\n\tif !ok {\n\t\thttp.NotFound(w, r)\n\t\treturn\n\t}\n\tjson.NewEncoder(w).Encode(map[string]string{\"value\": v})\n}\n\nfunc (s *Store) Put(w http.ResponseWriter, r *http.Request) {\n\tvar body map[string]string\n\tjson.NewDecoder(r.Body).Decode(&body)\n\ts.mu.Lock()\n\tfor k, v := range body {\n\t\ts.items[k] = v\n\t}\n\ts.mu.Unlock()\n}\n\nfunc main() {\n\ts := &Store{items: map[string]string{}}\n\thttp.HandleFunc(\"/get\", s.Get)\n\thttp.HandleFunc(\"/put\", s.Put)\n\tlog.Fatal(http.ListenAndServe(\":8080\", nil))\n}\n",
  "<template>\n  <div class=\"list\">\n    <input v-model=\"query\" placeholder=\"Search\" />\n    <ul>\n      <li v-for=\"item in filtered\" :key=\"item.id\">{{ item.name }}</li>\n    </ul>\n  </div>\n</template>\n\n<script setup lang=\"ts\">\nimport { ref, computed } from 'vue';\nconst props = defineProps<{ items: { id: number; name: string }[] }>();\nconst query = ref('');\nconst filtered = computed(() => props.items.filter((i) => i.name.toLowerCase().includes(query.value.toLowerCase())));\n</script>\n",
];

export const TRACES: readonly string[] = [
  "TypeError: Cannot read properties of undefined (reading 'map')\n    at ProductList (ProductList.tsx:14:23)\n    at renderWithHooks (react-dom.development.js:14985:18)\n    at mountIndeterminateComponent (react-dom.development.js:17811:13)",
  "Traceback (most recent call last):\n  File \"app.py\", line 42, in <module>\n    main()\n  File \"app.py\", line 37, in main\n    total = sum(row['amount'] for row in rows)\nKeyError: 'amount'",
  "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]\n\ngoroutine 1 [running]:\nmain.(*Server).handle(0x0, 0xc000010000)\n\t/app/server.go:88 +0x1c",
  "Exception in thread \"main\" java.util.ConcurrentModificationException\n\tat java.base/java.util.ArrayList$Itr.checkForComodification(ArrayList.java:1013)\n\tat com.acme.Orders.prune(Orders.java:57)",
  "error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable\n --> src/main.rs:4:5\n  |\n3 |     let first = &v[0];\n  |                  - immutable borrow occurs here\n4 |     v.push(4);\n  |     ^^^^^^^^^ mutable borrow occurs here",
  "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! Found: react@18.2.0\nnpm ERR! Could not resolve dependency:\nnpm ERR! peer react@\"^17.0.0\" from react-beautiful-dnd@13.1.1",
  "psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"users_email_key\"\nDETAIL:  Key (email)=(a@b.com) already exists.",
  "src/index.ts:12:7 - error TS2322: Type 'string | undefined' is not assignable to type 'string'.\n  Type 'undefined' is not assignable to type 'string'.",
  "FATAL: the database system is in recovery mode\n2024-03-02 10:14:07 UTC [4121] LOG:  could not receive data from WAL stream: server closed the connection unexpectedly",
  "Error: listen EADDRINUSE: address already in use :::3000\n    at Server.setupListenHandle [as _listen2] (node:net:1817:16)",
  "Traceback (most recent call last):\n  File \"manage.py\", line 22, in <module>\n    main()\nModuleNotFoundError: No module named 'django'",
  "AttributeError: 'NoneType' object has no attribute 'split'\n  File \"parser.py\", line 14, in parse_header",
  "Uncaught ReferenceError: process is not defined\n    at index.js:3:15",
  "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\n\tat com.acme.User.validate(User.java:31)",
  "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:12:31",
  "IndexError: list index out of range\n  File \"stats.py\", line 8, in median\n    return xs[len(xs) // 2]",
  "Unhandled Runtime Error\nError: Hydration failed because the initial UI does not match what was rendered on the server.",
  "fatal: refusing to merge unrelated histories",
  "segmentation fault (core dumped)  ./a.out",
  "ERROR 1452 (23000): Cannot add or update a child row: a foreign key constraint fails",
];

export const DIFFS: readonly string[] = [
  "diff --git a/src/auth.ts b/src/auth.ts\n@@ -10,7 +10,7 @@ export function check(token: string) {\n-  if (token.length > 0) {\n+  if (token) {\n     return verify(token);\n   }\n-  return false;\n+  return verify('');\n }",
  "--- a/payments/refund.py\n+++ b/payments/refund.py\n@@ -22,6 +22,9 @@ def refund(order):\n+    if order.refunded:\n+        return\n     amount = order.total - order.fees\n-    gateway.refund(order.id, amount)\n+    gateway.refund(order.id, amount, idempotency_key=order.id)\n+    order.refunded = True",
  "@@ -1,5 +1,6 @@\n import { useState } from 'react';\n+import { useMemo } from 'react';\n export function Table({ rows }) {\n-  const sorted = rows.sort(byName);\n+  const sorted = useMemo(() => [...rows].sort(byName), [rows]);\n   return <Grid rows={sorted} />;\n }",
  "-    retries: 3\n+    retries: 0\n-    timeout_ms: 5000\n+    timeout_ms: 500\n     circuit_breaker: true",
];

export const CUSTOMER_TEXTS: readonly string[] = [
  "I've been charged twice for my subscription this month and nobody answers the support chat.",
  "The new update is fantastic, the dark mode finally looks right on my phone.",
  "honestly not sure if I'll renew, the app keeps logging me out but the team was nice about it",
  "Can you move my delivery to Friday? I won't be home on Thursday.",
  "WIN a FREE iPhone!!! click here to claim your prize before midnight",
  "Oh great, another outage during my demo. Really loving this reliability.",
  "The package arrived damaged and the replacement is on backorder until June.",
  "Please cancel my account and delete all my data as per GDPR.",
  "Our team of 40 wants to upgrade to the enterprise plan, who do I talk to?",
  "Love the product but the pricing page is confusing about seats vs users.",
  "Hi, my name is Dana Ortiz, order #A-55812 placed on 3 March, shipping to 14 Elm Street, Leeds LS6 2AB, phone 0113 496 0021.",
  "Meeting moved to Tuesday 14:30 CET with Priya Shah (priya@acme.io) and Tom Becker from Globex, room 4B.",
];

export const PARAGRAPHS: readonly string[] = [
  "We migrated the billing service from a cron-driven batch job to an event-driven pipeline. Invoices are now generated when a usage window closes, which cut the median delay from 26 hours to 4 minutes. The main risk was double billing during the cutover, which we handled by writing an idempotency key per customer and window. Two customers were still billed twice due to a clock skew bug that has since been fixed.",
  "The study followed 1,200 remote workers for eighteen months. Productivity, measured by completed tickets, was flat, but self-reported burnout fell by 22 percent. Managers reported more difficulty onboarding junior staff, and the authors recommend at least two in-person days per month during the first year.",
  "Release 4.2 adds offline mode, a redesigned settings screen and support for SSO via SAML. It drops support for Android 8. Known issues: sync can stall if the device clock is more than five minutes off, and exporting to CSV ignores the selected date range.",
  "Incident 2291: at 09:12 the primary database failed over after a disk filled with WAL segments, because the replication slot for a decommissioned analytics replica was never dropped. Writes failed for 7 minutes. Action items: alert on slot lag, drop unused slots automatically, add disk-usage runbook.",
  "Attendees agreed to freeze the public API until the v3 launch. Marta will draft the deprecation notice, Ken owns the migration guide, and the team will revisit rate limits after load testing on the 18th. There was disagreement about whether to keep the XML endpoint; no decision was made.",
];

export const FACT_QUESTIONS: readonly string[] = [
  "what port does postgres use by default", "whats the difference between let and const", "how do i undo the last git commit",
  "what does HTTP 409 mean", "how do I center a div", "what is a monad in one sentence", "how to check node version",
  "is python pass by reference", "what's the capital of australia", "how many bytes in a UUID", "what does CORS stand for",
  "how do i exit vim", "what is the default branch name in git now", "how to list docker containers", "what is semver",
  "who wrote the mythical man-month", "how do i rename a branch in git", "what timezone is UTC+9", "what does idempotent mean",
  "translate 'thank you for your patience' into German", "how do i convert a string to int in go", "what's a good name for a boolean that says a user is verified",
  "how do you say 'pull request' in french", "what's the keyboard shortcut for the command palette in vs code", "what is the difference between TCP and UDP",
];

export const DESIGN_QUESTIONS: readonly string[] = [
  "should we use a monorepo or polyrepo for 6 teams with a shared design system", "when is event sourcing worth the complexity",
  "how should I structure error handling in a large typescript codebase", "graphql vs rest for a mobile app with flaky connectivity, tradeoffs?",
  "how do I decide between postgres and dynamodb for a multi-tenant SaaS", "what are the tradeoffs of server components vs client-side rendering",
  "how would you version a public API used by 300 customers", "is it worth adopting kubernetes for a team of four",
];

export const HARD_SYSTEMS: readonly string[] = [
  "a lock-free multi-producer multi-consumer queue", "an LSM-tree storage engine with compaction and crash recovery",
  "Raft leader election and log replication", "a CRDT for collaborative text editing", "a B+ tree with concurrent inserts using latch crabbing",
  "a write-ahead log with group commit and fsync batching", "an epoch-based memory reclamation scheme", "a lock-free hash map with resizing",
  "a Paxos-based replicated state machine", "an MVCC transaction layer with snapshot isolation", "a work-stealing thread pool scheduler",
  "a garbage collector with tri-color incremental marking", "a consistent-hashing sharded cache with rebalancing and no downtime",
  "a JIT compiler for a small stack-based bytecode", "a distributed rate limiter that stays correct across regions",
];

export const SIMPLE_CODE_ASKS: readonly string[] = [
  "reverse a string", "check if a number is even", "sum an array", "capitalize the first letter of a string", "get the max of a list",
  "remove duplicates from an array", "convert celsius to fahrenheit", "count vowels in a string", "flatten a nested list one level",
  "check if a string is a palindrome", "get today's date as YYYY-MM-DD", "sleep for 2 seconds", "read a file line by line", "generate a random integer between 1 and 10",
];

export const MEDIUM_CODE_ASKS: readonly string[] = [
  "a REST endpoint that paginates orders with cursor-based pagination", "a React hook that fetches data with cancellation and retries",
  "an LRU cache with O(1) get and put", "a CLI that syncs a folder to S3 and skips unchanged files", "a rate limiter middleware for express using a token bucket",
  "a CSV importer that validates rows and reports errors per line", "a debounced search box component with keyboard navigation",
  "a retry helper with exponential backoff and jitter", "a SQL migration that splits the name column into first_name and last_name",
  "unit tests for the checkout price calculator including discounts and tax", "a GitHub Actions workflow that runs tests on node 18 and 20 and caches npm",
  "a Dockerfile for a python fastapi app with a multi-stage build", "a websocket chat server with rooms", "a parser for semver ranges like ^1.2 || >=2.0.0 <3",
];

export const LANGS: readonly string[] = ['python', 'typescript', 'go', 'rust', 'java', 'js', 'c#', 'kotlin', 'bash', 'sql'];
export const FILES: readonly string[] = ['src/app.ts', 'utils/date.py', 'server/main.go', 'lib/cache.rs', 'components/Table.tsx', 'README.md', 'api/orders.js', 'db/schema.sql'];
export const TOPICS: readonly string[] = [
  'our migration to the new billing system', 'the team offsite', 'the v2 launch', 'a delayed release', 'our new open-source library',
  'the on-call rotation change', 'hiring a senior backend engineer', 'the end of support for IE11', 'our first conference talk', 'a price increase',
];
