// Browser side of the estimator panel. Filled in by the panel work; kept buildable.
export {};
