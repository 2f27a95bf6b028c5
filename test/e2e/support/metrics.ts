/** A metric's value in a Prometheus text answer (`/metrics`): the sum of its series whose labels contain `labels`. */
export function metric(text: string, name: string, labels = ''): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(name) && /[ {]/.test(line[name.length] ?? '') && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
