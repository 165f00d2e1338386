// Mocha reporter shared by the unit and in-host layers: mocha's spec output, then one closing line
// `N passed, N failed, N skipped` that CI reads. A run that executed no test is a failure.
import * as Mocha from 'mocha';

const { EVENT_RUN_END } = Mocha.Runner.constants;

export class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      console.log(`${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
      if (s.passes + s.failures === 0) console.log('error: no test was executed');
    });
  }
}

/** Runs a configured mocha instance; resolves to the number of failures (a run with no tests counts as one). */
export function runMocha(mocha: Mocha): Promise<number> {
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      const executed = (runner.stats?.passes ?? 0) + (runner.stats?.failures ?? 0);
      resolve(executed === 0 ? Math.max(failures, 1) : failures);
    });
  });
}
