/**
 * Audit records must go somewhere a reviewer expects. These checks catch the settings that
 * validate against the schema yet lose records: a `file` sink with no file, an `otel` sink with
 * no exporter, and an OTLP exporter configured but not selected.
 */
import type { ConfigIssue } from '../issues.ts';
import type { ValidatedConfig } from '../validated-config.ts';

/** checkTelemetry reports audit sinks that would write nothing and OTLP settings that are not used. */
export function checkTelemetry(config: ValidatedConfig): ConfigIssue[] {
  const { value: root, source } = config.root;
  const telemetry = root.telemetry;
  const issues: ConfigIssue[] = [];
  // A config without a telemetry section keeps no audit trail on purpose (local development);
  // `portcullis serve` says so when it starts.
  if (!telemetry) return issues;
  const exporter = telemetry.exporter ?? 'none';
  const sinks = telemetry.audit?.sinks ?? ['otel'];
  if (sinks.includes('file') && !telemetry.audit?.file) {
    issues.push(source.issue('PCX_ERR_AUDIT_FILE_MISSING', ['telemetry', 'audit', 'sinks'], {
      message: 'the audit sink `file` needs `telemetry.audit.file`, the path of the JSON-lines file',
      suggestion: 'add `file: /var/log/portcullis/audit.jsonl` under `telemetry.audit`, or remove `file` from the sinks',
    }));
  }
  if (sinks.includes('otel') && exporter === 'none') {
    issues.push(source.issue('PCX_WARN_AUDIT_NOT_EXPORTED', telemetry.audit?.sinks ? ['telemetry', 'audit', 'sinks'] : ['telemetry'], {
      message: `audit records go to the \`otel\` sink, but \`telemetry.exporter\` is \`none\`: ${sinks.length === 1 ? 'no audit record is kept anywhere' : 'the otel copies are not exported'}`,
      suggestion: 'set `telemetry.exporter: otlp` with `telemetry.otlp.endpoint`, or send audit records to `stdout` or a `file`',
    }));
  }
  if (telemetry.otlp && exporter !== 'otlp') {
    issues.push(source.issue('PCX_WARN_OTLP_UNUSED', ['telemetry', 'otlp'], {
      message: `\`telemetry.otlp\` is configured but \`telemetry.exporter\` is \`${exporter}\`, so nothing is sent to ${telemetry.otlp.endpoint}`,
      suggestion: 'set `telemetry.exporter: otlp`',
    }));
  }
  return issues;
}
