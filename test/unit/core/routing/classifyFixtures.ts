import type { ChatMessage } from '../../../../src/core/types';
import type { Complexity, ExpectedOutput, RouteRequest, TaskType } from '../../../../src/core/routing/taskProfile';

/**
 * Labelled prompts for the heuristic classifier. Labels are what a careful person would say the prompt
 * is, decided before tuning the classifier: when the classifier disagrees, the classifier is fixed.
 * Complexity: simple = one short step a small model does well; standard = several steps, a page of
 * input or a normal function; complex = many constraints, large code or inputs, proofs, subtle bugs.
 */
export interface ClassifyFixture {
  readonly name: string;
  readonly request: RouteRequest;
  readonly type: TaskType;
  readonly complexity: Complexity;
  readonly expectedOutput?: ExpectedOutput;
  readonly hasCode?: boolean;
  readonly codeLanguage?: string;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function ask(text: string, extra: Partial<RouteRequest> = {}): RouteRequest {
  return { messages: [{ role: 'user', content: text }], feature: 'ask', ...extra };
}

function withImages(text: string, count = 1): RouteRequest {
  const images = Array.from({ length: count }, () => ({ type: 'image' as const, mediaType: 'image/png' as const, data: PNG }));
  const message: ChatMessage = { role: 'user', content: [{ type: 'text', text }, ...images] };
  return { messages: [message], feature: 'ask' };
}

function fence(lang: string, body: string): string {
  return '```' + lang + '\n' + body + '\n```';
}

/** A deterministic source file of about `functions` × 9 lines in a C-like language. */
function tsModule(functions: number): string {
  const out: string[] = ["import { readFile } from 'node:fs/promises';", ''];
  for (let i = 0; i < functions; i++) {
    out.push(
      `export async function loadRecord${i}(path: string, cache: Map<string, string>): Promise<string> {`,
      `  const key = \`record-${i}:\${path}\`;`,
      '  if (cache.has(key)) {',
      '    return cache.get(key) ?? "";',
      '  }',
      "  const text = await readFile(path, 'utf8');",
      `  cache.set(key, text.slice(0, ${100 + i}));`,
      '  return text;',
      '}',
    );
  }
  return out.join('\n');
}

const TOPICS = ['revenue', 'headcount', 'churn', 'latency', 'support volume', 'margin', 'backlog', 'inventory'];
const REGIONS = ['North America', 'Europe', 'Asia Pacific', 'Latin America', 'Middle East'];

/** A deterministic business report of roughly `sections` × 260 tokens. */
function longReport(sections: number): string {
  const out: string[] = ['Annual Operations Report — Confidential', ''];
  for (let i = 0; i < sections; i++) {
    const topic = TOPICS[i % TOPICS.length] ?? 'revenue';
    const region = REGIONS[i % REGIONS.length] ?? 'Europe';
    out.push(
      `Section ${i + 1}. ${region}: ${topic}`,
      `In ${region}, ${topic} moved from ${120 + i * 7} to ${131 + i * 5} over the year, a change the regional team ` +
        `attributes to the pricing update in quarter ${(i % 4) + 1} and to staffing changes in the ${topic} group. ` +
        `The committee reviewed the figures on ${(i % 28) + 1} March and asked for a follow-up by the end of the next ` +
        `quarter. Several managers noted that the reporting definitions changed mid-year, which makes comparisons with ` +
        `the prior period harder than usual; the finance office has promised a restated series in the appendix. ` +
        `Customer interviews in ${region} pointed to onboarding delays, slow invoice corrections and unclear contract ` +
        `terms as the main sources of friction, while partners praised the new integration guides and the faster ` +
        `escalation path. The team expects ${topic} to stabilise once the new tooling is fully rolled out in ${region}.`,
      '',
    );
  }
  return out.join('\n');
}

/** A deterministic service agreement of roughly `clauses` × 230 tokens. */
function longContract(clauses: number): string {
  const out: string[] = ['MASTER SERVICES AGREEMENT', ''];
  for (let i = 0; i < clauses; i++) {
    out.push(
      `${i + 1}. Clause ${i + 1}`,
      `${i + 1}.1 The Supplier shall provide the Services described in Schedule ${(i % 6) + 1} with reasonable skill and ` +
        `care, in accordance with good industry practice and the service levels in Annex ${(i % 3) + 1}. ` +
        `${i + 1}.2 The Customer shall pay each undisputed invoice within ${30 + (i % 3) * 15} days of receipt. ` +
        `${i + 1}.3 Either party may, by written notice, require the other to meet and discuss any matter arising under ` +
        `this clause; such meetings shall take place within ten Business Days of the notice. ` +
        (i === 17 ? 'Either party may terminate this Agreement for convenience on ninety (90) days\' written notice. ' : '') +
        `${i + 1}.4 Nothing in this clause limits either party's liability for fraud, death or personal injury caused by ` +
        `negligence, or any other liability that cannot be limited by law.`,
      '',
    );
  }
  return out.join('\n');
}

function serverLog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const level = i === 211 ? 'ERROR' : i % 17 === 0 ? 'WARN' : 'INFO';
    const text = i === 211 ? 'database timeout after 30000 ms on pool "orders"' : `request ${1000 + i} served in ${20 + (i % 50)} ms for tenant t-${i % 9}`;
    out.push(`2024-05-0${1 + Math.floor(i / 600)} 10:${minute}:${String(i % 60).padStart(2, '0')} ${level} api-${i % 4} ${text}`);
  }
  return out.join('\n');
}

const PARAGRAPH = 'The city council voted on Tuesday to extend the downtown bike lane network by twelve kilometres over the ' +
  'next two years. Supporters argued the lanes reduce traffic injuries and encourage commuting by bike, while several ' +
  'shop owners worried about losing street parking. The plan includes a review after the first year and a fund to ' +
  'help affected businesses adapt their deliveries.';

const MEETING = [
  'Priya: Let\'s start with the launch date. Engineering says the payments work slips by a week.',
  'Tom: Then we move the launch to the 14th. Marketing needs the new date by Friday.',
  'Priya: Agreed. Tom owns telling marketing. Next, hiring: we approved two backend roles.',
  'Alex: I\'ll write the job descriptions by Wednesday and post them next Monday.',
  'Priya: Good. On the outage last week, we decided to add paging for the queue depth alert.',
  'Sam: I can set that up by Thursday and document the runbook.',
  'Tom: Budget — we\'re cutting the conference spend by half this quarter.',
  'Priya: Final point: the customer advisory board meets on the 21st; Alex prepares the agenda.',
].join('\n').repeat(3);

const ARTICLE = Array.from({ length: 6 }, (_, i) => `${PARAGRAPH} In follow-up ${i + 1}, residents raised questions ` +
  'about snow clearing, enforcement against parked cars and the cost of the protective barriers, which the transport ' +
  'department estimated at several million over the life of the project.').join('\n\n');

const EMAILS = Array.from({ length: 30 }, (_, i) => `Email ${i + 1} from customer c${100 + i}: ` + [
  'My invoice was wrong again this month and nobody answered my ticket.',
  'The mobile app logs me out every day, very annoying.',
  'Delivery took nine days instead of three; the tracking page never updated.',
  'Thanks, the refund arrived. Issue resolved.',
  'Support was friendly but it took four emails to fix my address.',
][i % 5]).join('\n');

const COMMENTS = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${[
  '"lol you would say that, typical"', '"buy cheap followers at my site!!!"', '"I hate mondays so much"',
  '"this recipe is amazing, thanks"', '"people like you should not be allowed to post"', '"as a queer woman, I love this"',
][i % 6]}`).join('\n');

const POSTINGS = Array.from({ length: 8 }, (_, i) => `Posting ${i + 1}: Senior ${['Backend', 'Data', 'iOS', 'DevOps'][i % 4]} ` +
  `Engineer at Company${i}, ${['Berlin', 'Remote (EU)', 'Austin, TX', 'Toronto'][i % 4]}. ${i % 3 === 0 ? 'Salary €70k–€90k.' : 'Competitive pay.'} ` +
  `${3 + (i % 4)}+ years with ${['Go and Postgres', 'Python and Spark', 'Swift and SwiftUI', 'Kubernetes and Terraform'][i % 4]}. ` +
  `${['Hybrid, 2 days in office.', 'Fully remote.', 'On-site.'][i % 3]}`).join('\n');

const JAVA_POOL = Array.from({ length: 12 }, (_, i) => [
  `    public void submit${i}(Runnable task) {`,
  '        synchronized (lock) {',
  '            while (queue.size() >= capacity) {',
  '                try { lock.wait(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return; }',
  '            }',
  '            queue.add(task);',
  '            if (idle > 0) { lock.notify(); }',
  '        }',
  '    }',
].join('\n')).join('\n');

export const CLASSIFY_FIXTURES: readonly ClassifyFixture[] = [
  // ── classification ──
  { name: 'review sentiment with labels', type: 'classification', complexity: 'simple', expectedOutput: 'label',
    request: ask('Classify this review as positive, negative or neutral: "The battery died after two hours and support never replied."') },
  { name: 'spam yes/no', type: 'classification', complexity: 'simple', expectedOutput: 'label',
    request: ask('Is this email spam? Answer yes or no.\n\nSubject: You WON a $500 gift card! Click here to claim before midnight.') },
  { name: 'ticket categories to JSON', type: 'classification', complexity: 'standard', expectedOutput: 'json',
    request: ask('Categorize each of these support tickets into one of: Billing, Bug, Feature Request, Account. Return JSON mapping ticket id to category.\n1. I was charged twice this month\n2. The export button does nothing in Safari\n3. Please add dark mode\n4. I can\'t reset my password\n5. Refund for annual plan?') },
  { name: 'tweet sentiment one word', type: 'classification', complexity: 'simple', expectedOutput: 'label',
    request: ask('What\'s the sentiment of this tweet? One word. "Can\'t believe how fast the new update is 🔥"') },
  { name: 'issue labels from a list', type: 'classification', complexity: 'simple', expectedOutput: 'label',
    request: ask('Tag this GitHub issue with the right labels from [bug, docs, enhancement, question]: "README install step fails on Windows because the path uses forward slashes"') },
  { name: 'which department', type: 'classification', complexity: 'simple', expectedOutput: 'label',
    request: ask('Which department should handle this message: "Hi, my paycheck was missing overtime hours for March."') },
  { name: 'moderation with nuanced rules', type: 'classification', complexity: 'complex', expectedOutput: 'json',
    request: ask('You are a content moderation classifier. For each of the 12 user comments below, assign exactly one of: harassment, hate, self-harm, sexual, violence, spam, safe. Take sarcasm and quoted speech into account, do not flag reclaimed slurs used self-referentially, and if a comment fits two categories choose the more severe one. Output a JSON array of {id, label, confidence}.\n\n' + COMMENTS) },

  // ── extraction ──
  { name: 'emails from text', type: 'extraction', complexity: 'simple', expectedOutput: 'extraction',
    request: ask('Extract all email addresses from this text: Contact alice@example.com or bob.smith@corp.io for details; press enquiries go to press@news.org.') },
  { name: 'invoice fields as JSON', type: 'extraction', complexity: 'simple', expectedOutput: 'json',
    request: ask('Pull out the invoice number, date, total and vendor name from this invoice and return them as JSON.\n\nINVOICE #INV-20931\nAcme Supplies Ltd, 4 Harbour Road, Leeds\nDate: 3 March 2024\n2 × Toner cartridge  £84.00\n1 × Paper (5 reams)  £21.50\nTotal due: £105.50') },
  { name: 'people and organisations', type: 'extraction', complexity: 'simple', expectedOutput: 'extraction',
    request: ask('List every person and organisation mentioned in the following paragraph.\n\nAfter meeting Angela Merkel in Berlin, Satya Nadella announced that Microsoft would partner with Siemens and the Fraunhofer Society on industrial AI, a move welcomed by Ursula von der Leyen.') },
  { name: 'action items from meeting notes', type: 'extraction', complexity: 'standard', expectedOutput: 'extraction',
    request: ask('From the meeting notes below, extract every action item with its owner and due date. Output a markdown table.\n\n' + MEETING) },
  { name: 'error timestamps from a log fence', type: 'extraction', complexity: 'simple', hasCode: false,
    request: ask('Parse these log lines and give me the timestamps of all ERROR entries:\n' + fence('', '2024-05-01 10:00:01 INFO started\n2024-05-01 10:00:07 ERROR db timeout\n2024-05-01 10:01:12 WARN slow query\n2024-05-01 10:02:40 ERROR cache miss storm')) },
  { name: 'job postings into normalised JSON', type: 'extraction', complexity: 'complex', expectedOutput: 'json',
    request: ask('Extract the following fields from each of the 8 job postings below into a JSON array: title, company, location, salary range (normalise to annual USD, null if missing), remote policy (one of onsite/hybrid/remote), required years of experience (integer), and a list of required skills.\n\n' + POSTINGS) },
  { name: 'phone numbers in a signature', type: 'extraction', complexity: 'simple', expectedOutput: 'extraction',
    request: ask('Find all the phone numbers in this email signature: "Jane Doe | Sales Director | +1 (415) 555-0134 | mobile 415.555.0199 | fax 415-555-0100"') },
  { name: 'keys from a sentence as JSON', type: 'extraction', complexity: 'simple', expectedOutput: 'json',
    request: ask('Return a JSON object with keys name, age and city from: "John, 34, moved to Lisbon last spring."') },

  // ── summarisation ──
  { name: 'paragraph in one sentence', type: 'summarisation', complexity: 'simple',
    request: ask('Summarize this paragraph in one sentence: ' + PARAGRAPH) },
  { name: 'tl;dr', type: 'summarisation', complexity: 'simple',
    request: ask('tl;dr please:\n\n' + PARAGRAPH + ' ' + PARAGRAPH.slice(0, 200)) },
  { name: 'key decisions from a transcript', type: 'summarisation', complexity: 'standard',
    request: ask('Give me 5 bullet points covering the key decisions from this meeting transcript.\n\n' + MEETING) },
  { name: 'executive summary with constraints', type: 'summarisation', complexity: 'standard',
    request: ask('Summarise the following article for a non-technical executive audience in under 200 words, highlighting risks and costs.\n\n' + ARTICLE) },
  { name: 'changelog into release notes', type: 'summarisation', complexity: 'simple',
    request: ask('Condense this changelog into short release notes:\n- fix: crash when opening empty files\n- feat: add dark theme toggle\n- chore: bump dependencies\n- fix: export to CSV kept trailing commas\n- feat: keyboard shortcut for search') },
  { name: 'abstract for a draft', type: 'summarisation', complexity: 'standard',
    request: ask('Write an abstract for this paper draft.\n\n' + ARTICLE) },
  { name: 'thirty emails grouped by theme', type: 'summarisation', complexity: 'complex',
    request: ask('Summarise this thread of 30 customer emails: group complaints by theme, quantify how often each theme occurs, note which were resolved, then draft a one-paragraph executive summary at the end.\n\n' + EMAILS + '\n' + EMAILS) },

  // ── code generation ──
  { name: 'palindrome function', type: 'codeGeneration', complexity: 'simple', hasCode: false,
    request: ask('Write a Python function that checks if a string is a palindrome.') },
  { name: 'bash one-liner', type: 'codeGeneration', complexity: 'simple',
    request: ask('Write a bash one-liner to find all files larger than 100MB under /var and sort them by size.') },
  { name: 'LRU cache with TTL and tests', type: 'codeGeneration', complexity: 'standard',
    request: ask('Implement an LRU cache in TypeScript with get/put in O(1), an optional TTL per entry and an onEvict callback. Include unit tests with mocha.') },
  { name: 'React table with many requirements', type: 'codeGeneration', complexity: 'complex',
    request: ask('Create a React component for a paginated table with sorting, filtering by column, keyboard navigation, and server-side data fetching with cancellation on unmount. Use TypeScript and hooks; do not use external table libraries, and make sure it is accessible to screen readers.') },
  { name: 'convert JS to TS', type: 'codeGeneration', complexity: 'standard', hasCode: true, codeLanguage: 'javascript',
    request: ask('Convert this JavaScript to TypeScript with proper types:\n' + fence('js', 'function groupBy(items, key) {\n  const out = {};\n  for (const item of items) {\n    const k = item[key];\n    (out[k] = out[k] || []).push(item);\n  }\n  return out;\n}\nmodule.exports = { groupBy };')) },
  { name: 'JSDoc for a selection', type: 'codeGeneration', complexity: 'simple', hasCode: true, codeLanguage: 'typescript',
    request: ask('Add JSDoc comments to this function:\n' + fence('typescript', 'export function clamp(value: number, min: number, max: number): number {\n  return Math.min(max, Math.max(min, value));\n}'), { languageId: 'typescript' }) },
  { name: 'SQL top customers', type: 'codeGeneration', complexity: 'simple',
    request: ask('Write a SQL query that returns the top 3 customers by total order value in 2023 from tables orders(id, customer_id, total, created_at) and customers(id, name).') },
  { name: 'distributed rate limiter in Go', type: 'codeGeneration', complexity: 'complex',
    request: ask('Design and implement a rate limiter service in Go: a token bucket per API key, distributed across multiple instances using Redis, with a sliding-window fallback when Redis is unavailable, Prometheus metrics, graceful shutdown, and table-driven tests. Explain the trade-offs of your design first.') },
  { name: 'ISO date regex', type: 'codeGeneration', complexity: 'simple',
    request: ask('Generate a regex that matches ISO 8601 dates like 2024-03-15.') },
  { name: 'refactor Java class to DI', type: 'codeGeneration', complexity: 'standard', hasCode: true, codeLanguage: 'java',
    request: ask('Refactor this class to use dependency injection:\n' + fence('java', 'public class WorkerPool {\n    private final Object lock = new Object();\n    private final java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();\n    private final int capacity = 64;\n    private int idle = 0;\n' + JAVA_POOL.split('\n').slice(0, 36).join('\n') + '\n}')) },
  { name: 'tests for a python selection', type: 'codeGeneration', complexity: 'standard', hasCode: true, codeLanguage: 'python',
    request: ask('Write unit tests for this function, covering edge cases:\n\ndef parse_duration(text):\n    units = {"s": 1, "m": 60, "h": 3600}\n    total = 0\n    for part in text.split():\n        total += int(part[:-1]) * units[part[-1]]\n    return total', { languageId: 'python' }) },

  // ── code review / fix / debug ──
  { name: 'undefined property', type: 'codeReview', complexity: 'simple', hasCode: true, codeLanguage: 'javascript',
    request: ask('Why does this throw "Cannot read properties of undefined"?\n' + fence('js', 'const user = users.find(u => u.id === id);\nconsole.log(user.name);')) },
  { name: 'off-by-one fix', type: 'codeReview', complexity: 'simple', hasCode: true, codeLanguage: 'python',
    request: ask('Fix the bug in this function:\n' + fence('python', 'def last_n(xs, n):\n    return xs[len(xs) - n - 1:]')) },
  { name: 'security review of a diff', type: 'codeReview', complexity: 'standard', hasCode: true, codeLanguage: 'diff',
    request: ask('Review this pull request diff for security issues:\n' + fence('diff', Array.from({ length: 30 }, (_, i) => i % 3 === 0 ? `+  const q${i} = "SELECT * FROM users WHERE name = '" + req.query.name${i} + "'";` : ` const row${i} = await db.query(q${i - (i % 3)});`).join('\n'))) },
  { name: 'borrow checker', type: 'codeReview', complexity: 'standard', hasCode: true, codeLanguage: 'rust',
    request: ask('This Rust code doesn\'t compile, the borrow checker complains about a mutable borrow while iterating. How do I fix it?\n' + fence('rust', 'fn main() {\n    let mut scores = vec![1, 2, 3];\n    for s in scores.iter() {\n        if *s > 1 {\n            scores.push(*s * 2);\n        }\n    }\n    println!("{:?}", scores);\n}')) },
  { name: 'review selection by language id', type: 'codeReview', complexity: 'standard', hasCode: true, codeLanguage: 'go',
    request: ask('Can you review this code?\n\n' + Array.from({ length: 10 }, (_, i) => `func handler${i}(w http.ResponseWriter, r *http.Request) {\n\tid := r.URL.Query().Get("id")\n\trow := db.QueryRow("SELECT name FROM t WHERE id = " + id)\n\tvar name string\n\trow.Scan(&name)\n\tfmt.Fprintf(w, name)\n}`).join('\n'), { languageId: 'go' }) },
  { name: 'deadlock in a worker pool', type: 'codeReview', complexity: 'complex', hasCode: true, codeLanguage: 'java',
    request: ask('We have an intermittent deadlock in production. Here is the worker pool implementation. Find the race condition, explain the interleaving that causes it, and propose a fix that keeps throughput.\n' + fence('java', 'public class WorkerPool {\n' + JAVA_POOL + '\n}')) },
  { name: 'useEffect infinite loop', type: 'codeReview', complexity: 'simple', hasCode: true, codeLanguage: 'typescriptreact',
    request: ask('Debug this: my useEffect runs in an infinite loop.\n' + fence('tsx', 'function Profile({ id }: { id: string }) {\n  const [user, setUser] = useState({});\n  useEffect(() => {\n    fetchUser(id).then(setUser);\n  }, [user]);\n  return <div>{user.name}</div>;\n}')) },
  { name: 'explain a regex', type: 'codeReview', complexity: 'simple',
    request: ask('Explain what this regex does: ^(?=.*\\d)(?=.*[a-z])(?=.*[A-Z]).{8,}$') },
  { name: 'big module review', type: 'codeReview', complexity: 'complex', hasCode: true, codeLanguage: 'typescript',
    request: ask('Review this module for performance problems, memory leaks and error handling gaps; rank findings by severity with line references.\n' + fence('ts', tsModule(45))) },
  { name: 'fix a typo in prose is not code', type: 'chat', complexity: 'simple', hasCode: false,
    request: ask('Can you fix the typo in this sentence: "Their going to the park tomorow."') },

  // ── reasoning / maths ──
  { name: 'percentage', type: 'reasoning', complexity: 'simple',
    request: ask('What is 17% of 2,340?') },
  { name: 'train catch-up', type: 'reasoning', complexity: 'standard',
    request: ask('A train leaves a station at 3:15 pm travelling at 80 km/h; a second train leaves the same station at 4:00 pm at 100 km/h on a parallel track in the same direction. At what time does the second train catch up with the first? Show your work.') },
  { name: 'sqrt 2 irrational', type: 'reasoning', complexity: 'standard',
    request: ask('Prove that the square root of 2 is irrational.') },
  { name: 'linear equation', type: 'reasoning', complexity: 'simple',
    request: ask('Solve for x: 3x + 7 = 22') },
  { name: 'syllogism step by step', type: 'reasoning', complexity: 'standard',
    request: ask('Think step by step: if all bloops are razzies and some razzies are lazzies, can we conclude that some bloops are lazzies? Explain why or why not.') },
  { name: 'proof and generalisation', type: 'reasoning', complexity: 'complex',
    request: ask('Prove by induction that for every n ≥ 1 the sum of the first n odd numbers is n², then generalise to sums of k-th powers using Faulhaber\'s formula and derive the closed form for k = 3. Show every step and justify each identity you use.') },
  { name: 'seating logic puzzle', type: 'reasoning', complexity: 'complex',
    request: ask('Five people sit in a row of five chairs. Alice is not at either end, Bob sits immediately to the right of Carol, Dan is not next to Eve, and Eve sits at an end. List all valid arrangements, justify that there are no others, and explain how the constraints eliminate each case.') },
  { name: 'combinations', type: 'reasoning', complexity: 'simple',
    request: ask('How many ways can you choose 3 books from 10?') },

  // ── creative writing ──
  { name: 'haiku', type: 'creativeWriting', complexity: 'simple',
    request: ask('Write a haiku about autumn rain.') },
  { name: 'bedtime story', type: 'creativeWriting', complexity: 'simple',
    request: ask('Write a short bedtime story about a dragon who is afraid of the dark.') },
  { name: 'limerick about a programmer', type: 'creativeWriting', complexity: 'simple', hasCode: false,
    request: ask('Write a limerick about a programmer who forgot to commit their code.') },
  { name: 'wedding toast', type: 'creativeWriting', complexity: 'standard',
    request: ask('Draft a wedding toast for my sister Emma and her husband Raj. They met rock climbing, she\'s a nurse and he\'s a chef. Keep it funny but heartfelt, about 3 minutes long, and avoid any jokes about exes.') },
  { name: 'noir chapter with constraints', type: 'creativeWriting', complexity: 'complex',
    request: ask('Write the opening chapter of a noir detective novel set in 2080s Lagos: first person, present tense, introduce three suspects and a red herring, end on a cliffhanger, around 2,500 words, and keep the tone wry rather than grim. Do not reveal the culprit.') },
  { name: 'taglines', type: 'creativeWriting', complexity: 'simple',
    request: ask('Come up with 10 catchy taglines for a reusable coffee cup brand.') },
  { name: 'sonnet on version control', type: 'creativeWriting', complexity: 'standard',
    request: ask('Write a sonnet about version control in strict iambic pentameter, following the Shakespearean rhyme scheme exactly, with the volta at line 9.') },
  { name: 'poem about a bug', type: 'creativeWriting', complexity: 'simple',
    request: ask('Write a poem about a bug in my code that only shows up on Fridays.') },

  // ── chat / Q&A ──
  { name: 'capital city', type: 'chat', complexity: 'simple', request: ask('What\'s the capital of Australia?') },
  { name: 'greeting', type: 'chat', complexity: 'simple', request: ask('hi! how are you today?') },
  { name: 'process vs thread', type: 'chat', complexity: 'simple',
    request: ask('What\'s the difference between a process and a thread?') },
  { name: 'database advice', type: 'chat', complexity: 'standard',
    request: ask('Should I use PostgreSQL or MongoDB for a small e-commerce app? We have 3 developers, expect about 10k orders a month, need solid reporting, and must keep hosting costs low. Explain the trade-offs.') },
  { name: 'git undo', type: 'chat', complexity: 'simple',
    request: ask('How do I undo the last git commit but keep the changes?') },
  { name: 'TLS explainer', type: 'chat', complexity: 'standard',
    request: ask('Explain how the TLS 1.3 handshake works, describe 0-RTT resumption and why it is exposed to replay attacks, then compare it with TLS 1.2.') },
  { name: 'time zone', type: 'chat', complexity: 'simple', request: ask('What time zone is Tokyo in?') },
  { name: 'monolith migration plan', type: 'chat', complexity: 'complex',
    request: ask('I\'m planning a migration of our monolith (Rails, 400k LOC, Postgres 9.6, Sidekiq) to services over 18 months with a team of 12. Walk me through a phased plan: what to extract first and why, how to handle shared database tables, data consistency between services, a rollback strategy for each phase, how to keep feature delivery going, and the main organisational risks.') },
  { name: 'multi-turn follow-up', type: 'chat', complexity: 'simple',
    request: { feature: 'ask', messages: [
      { role: 'system', content: 'You are a helpful travel assistant.' },
      { role: 'user', content: 'What is the weather usually like in Lisbon in May?' },
      { role: 'assistant', content: 'Mild and mostly sunny, around 20–24 °C during the day.' },
      { role: 'user', content: 'And what about in winter?' },
    ] } },
  { name: 'system prompt demands JSON', type: 'chat', complexity: 'simple', expectedOutput: 'json',
    request: { feature: 'ask', messages: [
      { role: 'system', content: 'You are an API backend. Always respond in JSON.' },
      { role: 'user', content: 'What are the three primary colours?' },
    ] } },
  { name: 'yes/no factual question', type: 'chat', complexity: 'simple', expectedOutput: 'label',
    request: ask('Is Python an interpreted language? Yes or no.') },

  // ── long documents ──
  { name: 'contract lookup', type: 'longDocument', complexity: 'standard',
    request: ask(longContract(80) + '\n\nWhat is the termination-for-convenience notice period in this agreement?') },
  { name: 'report cross-check', type: 'longDocument', complexity: 'complex',
    request: ask('Compare the figures across all regions in the report below and identify inconsistencies between sections.\n\n' + longReport(70)) },
  { name: 'summarise a long transcript', type: 'longDocument', complexity: 'standard',
    request: ask('Summarize this.\n\n' + MEETING.repeat(28)) },
  { name: 'first timeout in a long log', type: 'longDocument', complexity: 'standard', hasCode: false,
    request: ask(serverLog(1_000) + '\n\nWhen did the first database timeout occur?') },
  { name: 'very long report, risks', type: 'longDocument', complexity: 'complex',
    request: ask(longReport(140) + '\n\nWhat are the main risks the regional teams raise throughout this report?') },
  { name: 'long code file stays code review', type: 'codeReview', complexity: 'complex', hasCode: true, codeLanguage: 'typescript',
    request: ask('Find the bug that makes this loader leak memory:\n' + fence('typescript', tsModule(130))) },

  // ── multimodal ──
  { name: 'what is in the picture', type: 'multimodal', complexity: 'simple', request: withImages('What\'s in this picture?') },
  { name: 'transcribe a screenshot', type: 'multimodal', complexity: 'simple', request: withImages('Transcribe the text in this screenshot.') },
  { name: 'cat or dog one word', type: 'multimodal', complexity: 'simple', expectedOutput: 'label',
    request: withImages('Is this a cat or a dog? One word.') },
  { name: 'three charts', type: 'multimodal', complexity: 'standard',
    request: withImages('Compare these three chart screenshots and explain the trend in Q3 revenue, noting any anomalies.', 3) },
  { name: 'mockup to React', type: 'multimodal', complexity: 'complex',
    request: withImages('Convert this UI mockup into a React component with Tailwind: responsive down to 320px, accessible (keyboard and screen reader), matching the spacing exactly, with dark mode support. Do not use any component library, and explain how you handled the breakpoints.') },
];
