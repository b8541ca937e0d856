/**
 * The catalogue of config problems. Every problem has a stable code (tests and CI tooling key
 * on the code, never on the prose), a severity, and a location a person can jump to.
 */

/** configIssueCodes maps each code to its severity and one line on what it means. */
export const configIssueCodes = {
  PCX_ERR_CONFIG_NOT_FOUND: ['error', 'no root config file was found'],
  PCX_ERR_FILE_UNREADABLE: ['error', 'a config file could not be read'],
  PCX_ERR_YAML_SYNTAX: ['error', 'the file is not valid YAML'],
  PCX_ERR_YAML_DUPLICATE_KEY: ['error', 'a mapping has the same key twice'],
  PCX_ERR_EMPTY_FILE: ['error', 'the file has no content'],
  PCX_ERR_FILE_INCLUDED_TWICE: ['error', 'a file matches the include globs of two kinds'],
  PCX_ERR_UNKNOWN_KEY: ['error', 'a key the schema does not define'],
  PCX_ERR_MISSING_KEY: ['error', 'a required key is missing'],
  PCX_ERR_WRONG_TYPE: ['error', 'a value has the wrong type'],
  PCX_ERR_INVALID_VALUE: ['error', 'a value is not one of those allowed'],
  PCX_ERR_INVALID_FORMAT: ['error', 'a value does not have the required form'],
  PCX_ERR_OUT_OF_RANGE: ['error', 'a number, length or count is outside its bounds'],
  PCX_ERR_SCHEMA: ['error', 'a value breaks another schema rule'],
  PCX_ERR_DUPLICATE_ID: ['error', 'two definitions share one id'],
  PCX_ERR_UNKNOWN_SERVER: ['error', 'a reference to a server id that is not defined'],
  PCX_ERR_UNKNOWN_GROUP: ['error', 'a reference to a group that is not declared'],
  PCX_ERR_UNKNOWN_API_KEY: ['error', 'a reference to an API key id that is not defined'],
  PCX_ERR_UNKNOWN_ATTRIBUTE: ['error', 'a reference to a principal attribute no issuer defines'],
  PCX_ERR_TOOL_NAME_COLLISION: ['error', 'two servers could expose the same tool or prompt name'],
  PCX_ERR_INVALID_GLOB: ['error', 'a glob pattern is malformed'],
  PCX_ERR_INVALID_REGEX: ['error', 'a regular expression does not compile'],
  PCX_ERR_UNSAFE_REGEX: ['error', 'a regular expression can backtrack catastrophically'],
  PCX_ERR_INVALID_JSON_SCHEMA: ['error', 'an embedded JSON Schema does not compile'],
  PCX_ERR_SECRET_REF_INVALID: ['error', 'a secret reference is malformed'],
  PCX_ERR_SECRET_TEMPLATE_NOT_ALLOWED: ['error', 'a per-principal secret template where only a fixed reference may stand'],
  PCX_ERR_LITERAL_SECRET: ['error', 'a credential written as a literal value'],
  PCX_ERR_SECRET_NOT_FOUND: ['error', 'a referenced AWS secret does not exist (validate --check-secrets)'],
  PCX_ERR_SECRET_CHECK_FAILED: ['error', 'whether a referenced AWS secret exists could not be checked (validate --check-secrets)'],
  PCX_ERR_INVALID_RANGE: ['error', 'a lower bound above its upper bound'],
  PCX_ERR_GUARDRAIL_INCOMPATIBLE: ['error', 'a guardrail detector cannot be used with that phase or action'],
  PCX_ERR_LOCK_FILE_PATH: ['error', 'pinning.lockFile points outside the config repository or at a file that is not YAML'],
  PCX_ERR_CONSTRAINT_WITHOUT_TOOLS: ['error', 'argument constraints on a rule that names no tools'],
  PCX_ERR_POLICY_TEST_FAILED: ['error', 'a policy test case did not get the outcome it expects'],
  PCX_ERR_POLICY_TEST_INVALID: ['error', 'a policy test case cannot run as written'],
  PCX_WARN_ANONYMOUS_ACCESS: ['warning', 'requests without credentials are accepted'],
  PCX_WARN_NO_AUTH: ['warning', 'no authentication method is configured, so every request is refused'],
  PCX_WARN_INCLUDE_MATCHES_NOTHING: ['warning', 'an include glob matches no file'],
  PCX_ERR_AUDIT_FILE_MISSING: ['error', 'the file audit sink has no file path'],
  PCX_WARN_AUDIT_NOT_EXPORTED: ['warning', 'audit records go to the otel sink but nothing is exported'],
  PCX_WARN_OTLP_UNUSED: ['warning', 'OTLP settings are configured but another exporter is selected'],
  PCX_WARN_LOCK_FILE_MISSING: ['warning', 'pinning is on but the repository has no tool-definition lock'],
  PCX_WARN_TOOL_NOT_PINNED: ['warning', 'a policy grants a tool the lock file does not pin'],
  PCX_WARN_LOCK_UNKNOWN_SERVER: ['warning', 'the lock file pins tools of a server no server file defines'],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

export type ConfigIssueCode = keyof typeof configIssueCodes;
export type Severity = 'error' | 'warning';

/** ConfigIssue is one problem found in the config repository, located precisely. */
export interface ConfigIssue {
  readonly code: ConfigIssueCode;
  readonly severity: Severity;
  /** file is relative to the config repository's folder, with forward slashes. */
  readonly file: string;
  /** line and column are 1-based; 0 when the problem concerns the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** path is the YAML path inside the file, such as `rules[2].tools[0]`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** IssueDetails is what a check says about a problem; location and severity are added by the reporter. */
export interface IssueDetails {
  readonly message: string;
  readonly suggestion?: string;
}

/** severityOf returns the severity fixed for a code. */
export function severityOf(code: ConfigIssueCode): Severity {
  return configIssueCodes[code][0];
}

/** hasErrors tells whether any issue is an error (warnings alone do not fail validation). */
export function hasErrors(issues: readonly ConfigIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** compareIssues orders issues by file, then position, then code, so output is stable. */
export function compareIssues(a: ConfigIssue, b: ConfigIssue): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
  );
}
