/**
 * Scope names used by the log grammars. Every name ends in `.cisco`; the first parts follow the
 * TextMate conventions that colour themes already know, so the logs colour well in any theme.
 */

/**
 * Severity scopes. Each is two scopes: a conventional one every theme colours (invalid / markup.*,
 * comment for debug so it is dim) and, innermost, the `token.*-token` scope VS Code's own themes
 * colour for logs; a theme that knows the inner one uses it, any other falls back to the outer.
 */
export const SEVERITY = {
  error: 'invalid.illegal.severity.error.cisco token.error-token',
  warning: 'markup.changed.severity.warning.cisco token.warn-token',
  info: 'markup.inserted.severity.info.cisco token.info-token',
  debug: 'comment.other.severity.debug.cisco',
  trace: 'comment.other.severity.trace.cisco',
} as const;

export type Severity = keyof typeof SEVERITY;

export const S = {
  record: 'meta.record.cisco',
  sequence: 'constant.numeric.integer.sequence.cisco',
  timestamp: 'constant.numeric.date.timestamp.cisco',
  timezone: 'constant.language.timezone.cisco',
  date: 'constant.numeric.date.cisco',
  ipAddress: 'constant.language.ip-address.cisco',
  host: 'entity.name.namespace.host.cisco',

  messageCode: 'meta.message-code.cisco',
  codePercent: 'punctuation.definition.message-code.cisco',
  product: 'storage.type.product.cisco',
  facility: 'entity.name.type.facility.cisco',
  codeDash: 'punctuation.separator.message-code.cisco',
  severityDigit: 'constant.numeric.severity.cisco',
  mnemonic: 'support.constant.mnemonic.cisco',

  thread: 'meta.thread.cisco',
  threadName: 'variable.other.thread.cisco',
  threadBegin: 'punctuation.definition.thread.begin.cisco',
  threadEnd: 'punctuation.definition.thread.end.cisco',
  logger: 'support.class.logger.cisco',

  javaClass: 'entity.name.type.class.cisco',
  javaPackage: 'entity.name.namespace.package.cisco',
  objectHashAt: 'punctuation.separator.object-hash.cisco',
  objectHash: 'constant.numeric.integer.hexadecimal.object-hash.cisco',
  method: 'entity.name.function.method.cisco',
  exception: 'invalid.illegal.exception.cisco',
  stackFrame: 'meta.stack-frame.cisco',
  stackAt: 'keyword.other.at.cisco',

  key: 'variable.other.property.key.cisco',
  assignment: 'keyword.operator.assignment.cisco',
  value: 'string.unquoted.value.cisco',
  parameters: 'meta.parameters.cisco',
  parametersPercent: 'punctuation.definition.parameters.cisco',
  parameter: 'meta.parameter.cisco',
  parameterName: 'variable.parameter.cisco',
  parameterValue: 'string.unquoted.parameter-value.cisco',
  parameterBegin: 'punctuation.section.parameter.begin.cisco',
  parameterEnd: 'punctuation.section.parameter.end.cisco',
  brackets: 'meta.brackets.cisco',
  bracketBegin: 'punctuation.section.brackets.begin.cisco',
  bracketEnd: 'punctuation.section.brackets.end.cisco',

  hexId: 'constant.language.id.hex.cisco',
  guid: 'constant.language.id.guid.cisco',
  jid: 'string.other.jid.cisco',
  jidAt: 'punctuation.separator.jid.cisco',
  jidSlash: 'punctuation.separator.resource.cisco',
  jidResource: 'variable.other.jid-resource.cisco',
  email: 'string.other.email.cisco',
  emailAt: 'punctuation.separator.email.cisco',
  url: 'markup.underline.link.cisco',
  linkBegin: 'punctuation.definition.link.begin.cisco',
  linkEnd: 'punctuation.definition.link.end.cisco',

  stringDouble: 'string.quoted.double.cisco',
  stringBegin: 'punctuation.definition.string.begin.cisco',
  stringEnd: 'punctuation.definition.string.end.cisco',
  integer: 'constant.numeric.integer.decimal.cisco',
  float: 'constant.numeric.float.decimal.cisco',
  hexNumber: 'constant.numeric.integer.hexadecimal.cisco',
  boolean: 'constant.language.boolean.cisco',
  null: 'constant.language.null.cisco',
  duration: 'constant.numeric.duration.cisco',
  unit: 'keyword.other.unit.cisco',

  messageType: 'entity.name.type.message-type.cisco',
  agentState: 'constant.language.agent-state.cisco',
  constant: 'support.constant.cisco',

  fieldSeparator: 'comment.other.separator.cisco punctuation.separator.field.cisco',
  divider: 'comment.other.divider.cisco',
  byteDump: 'meta.byte-dump.cisco',
  byteArrow: 'keyword.operator.arrow.cisco',
  byte: 'constant.numeric.integer.byte.cisco',

  heading: 'markup.heading.cisco',
  headingPunctuation: 'punctuation.definition.heading.cisco',

  processName: 'meta.process-name.cisco',
  instance: 'entity.name.type.instance.cisco',
  side: 'constant.language.side.cisco',
  processDash: 'punctuation.separator.process-name.cisco',
  process: 'support.function.process.cisco',
  levelColon: 'punctuation.separator.severity.cisco',

  prompt: 'meta.prompt.cisco',
  tool: 'keyword.other.tool.cisco',
  promptPunctuation: 'punctuation.definition.prompt.cisco',
  command: 'entity.name.function.command.cisco',
  option: 'variable.parameter.option.cisco',
  placeholder: 'variable.other.placeholder.cisco',
  path: 'string.unquoted.path.cisco',
  agentKeyword: 'keyword.other.agent.cisco',
  agentName: 'entity.name.type.agent.cisco',
  lineType: 'keyword.other.line-type.cisco',
  groupName: 'entity.name.type.skill-group.cisco',
  domainName: 'entity.name.type.domain.cisco',
  rttestState: 'meta.state.cisco',
  stateFlags: 'constant.character.flag.cisco',
  punctuation: 'punctuation.separator.cisco',

  component: 'entity.name.tag.component.cisco',
  httpMethod: 'keyword.other.http-method.cisco',
  httpStatus: 'meta.http-status.cisco',
  protocol: 'support.type.protocol.cisco',
  statusCode: 'constant.numeric.integer.http-status.cisco',
  statusReason: 'string.unquoted.http-reason.cisco',
  sourceReference: 'meta.source-reference.cisco',
  sourceFile: 'markup.underline.link.source-reference.cisco',
  line: 'constant.numeric.integer.line.cisco',
  column: 'constant.numeric.integer.column.cisco',

  embeddedJson: 'meta.embedded.block.json',
  embeddedXml: 'meta.embedded.block.xml',
} as const;
