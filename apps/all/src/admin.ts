import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { runAdmin } from '@gx/application/identity/admin-cli';

/** Read one line without echoing it (a terminal), or the first line of piped stdin. */
function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return new Promise((resolve) => {
      let text = '';
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (chunk: string) => (text += chunk));
      process.stdin.on('end', () => resolve(text.split(/\r?\n/)[0] ?? ''));
    });
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
        write(s.startsWith(question) ? question : '');
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  return ask(prompt).then(async (first) => {
    const again = await ask('Repeat the password: ');
    if (again !== first) {
      process.stderr.write('the passwords differ\n');
      return '';
    }
    return first;
  });
}

/** `npm run admin -- create-operator <username>` (see README, "Production bootstrap"). */
runAdmin(process.argv.slice(2), {
  env: process.env,
  readPassword,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
