// A node:test reporter that prints one summary line for .ci/run to add up:
//   conformance: N passed, N failed, N skipped
// Tests are counted at every level (suites are not tests); a file that fails outside any test counts as one failure.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    if (details?.type === 'suite') continue;
    if (skip || todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `conformance: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
