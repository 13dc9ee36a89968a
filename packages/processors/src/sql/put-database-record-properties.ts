import { prop } from '@sluice/engine';
import { DBCPServiceApi } from '../services/dbcp-connection-pool.js';
import { RecordReaderFactoryApi } from '../services/json-tree-reader.js';
import { STATEMENT_TYPES } from './record-row.js';

/** The Statement Type that takes the statement type from the flowfile's statement.type attribute. */
export const USE_ATTRIBUTE = 'Use statement.type Attribute';

/** PutDatabaseRecord's properties, with NiFi's display names and descriptions. */
export const PUT_DATABASE_RECORD_PROPERTIES = {
  recordReader: prop.service({
    name: 'Record Reader',
    description:
      "Specifies the Controller Service to use for parsing incoming data and determining the data's schema.",
    required: true,
    api: RecordReaderFactoryApi,
  }),
  databaseType: prop.choice({
    name: 'Database Type',
    description:
      'The type/flavor of database, used for generating database-specific code. Generic writes portable INSERT, UPDATE and DELETE; PostgreSQL also writes UPSERT and INSERT_IGNORE (INSERT ... ON CONFLICT). Sluice connects to PostgreSQL only, so PostgreSQL is the default (NiFi: Generic).',
    values: [
      { value: 'PostgreSQL', description: 'Generates PostgreSQL compatible SQL' },
      { value: 'Generic', description: 'Generates ANSI SQL' },
    ],
    default: 'PostgreSQL',
  }),
  statementType: prop.choice({
    name: 'Statement Type',
    description: `Specifies the type of SQL Statement to generate. Please refer to the database documentation for a description of the behavior of each operation. If '${USE_ATTRIBUTE}' is chosen, then the value is taken from the statement.type attribute in the FlowFile (INSERT, UPDATE, UPSERT, INSERT_IGNORE or DELETE; NiFi's SQL type is not supported).`,
    required: true,
    values: [...STATEMENT_TYPES, USE_ATTRIBUTE],
  }),
  dbcpService: prop.service({
    name: 'Database Connection Pooling Service',
    description:
      'The Controller Service that is used to obtain a connection to the database for sending records.',
    required: true,
    api: DBCPServiceApi,
  }),
  catalogName: prop.string({
    name: 'Catalog Name',
    description:
      'The name of the catalog that the statement should update: in PostgreSQL, the database, which must be the one connected to. Usually left empty.',
    el: 'flowfile',
  }),
  schemaName: prop.string({
    name: 'Schema Name',
    description:
      "The name of the schema that the table belongs to. Empty: the first schema of the connection's search_path that has the table, as PostgreSQL resolves an unqualified name.",
    el: 'flowfile',
  }),
  tableName: prop.string({
    name: 'Table Name',
    description:
      'The name of the table that the statement should affect. Unless Quote Table Identifiers is true, it is read as PostgreSQL reads an unquoted name: in lower case.',
    required: true,
    el: 'flowfile',
  }),
  binaryStringFormat: prop.choice({
    name: 'Binary String Format',
    description: 'The format to be applied when decoding string values to binary (bytea columns).',
    values: [
      {
        value: 'UTF-8',
        description:
          'String values for binary columns contain the original value as text via UTF-8 character encoding',
      },
      {
        value: 'Hexadecimal',
        description:
          'String values for binary columns contain the original value in hexadecimal format',
      },
      {
        value: 'Base64',
        description:
          'String values for binary columns contain the original value in Base64 encoded format',
      },
    ],
    default: 'UTF-8',
  }),
  translateFieldNames: prop.boolean({
    name: 'Translate Field Names',
    description:
      'If true, the Processor will attempt to translate field names into the appropriate column names for the table specified: compared in upper case without underscores (NiFi\'s default Column Name Translation Strategy, "Remove Underscore"), so userId and user_id both write user_id. If false, the field names must match the column names exactly, or the column will not be updated',
    default: 'true',
  }),
  unmatchedFieldBehavior: prop.choice({
    name: 'Unmatched Field Behavior',
    description:
      "If an incoming record has a field that does not map to any of the database table's columns, this property specifies how to handle the situation",
    values: [
      {
        value: 'Ignore Unmatched Fields',
        description:
          'Any field in the document that cannot be mapped to a column in the database is ignored',
      },
      {
        value: 'Fail on Unmatched Fields',
        description:
          'If the document has any field that cannot be mapped to a column in the database, the FlowFile will be routed to the failure relationship',
      },
    ],
    default: 'Ignore Unmatched Fields',
  }),
  unmatchedColumnBehavior: prop.choice({
    name: 'Unmatched Column Behavior',
    description:
      "If an incoming record does not have a field mapping for all of the database table's required columns (NOT NULL without a default) or, for UPSERT and INSERT_IGNORE, for a key column, this property specifies how to handle the situation. A record without its key column is always refused for UPDATE and DELETE.",
    values: [
      {
        value: 'Ignore Unmatched Columns',
        description:
          'Any column in the database that does not have a field in the document will be assumed to not be required.  No notification will be logged',
      },
      {
        value: 'Warn on Unmatched Columns',
        description:
          'Any column in the database that does not have a field in the document will be assumed to not be required.  A warning will be logged',
      },
      {
        value: 'Fail on Unmatched Columns',
        description:
          'A flow will fail if any column in the database that does not have a field in the document.  An error will be logged',
      },
    ],
    default: 'Fail on Unmatched Columns',
  }),
  updateKeys: prop.string({
    name: 'Update Keys',
    description:
      "A comma-separated list of column names that uniquely identifies a row in the database for UPDATE statements (and the ON CONFLICT target of UPSERT and INSERT_IGNORE). If not set, the table's Primary Keys are used; without a Primary Key the flowfile fails. This property is ignored if the Statement Type is INSERT",
    el: 'flowfile',
  }),
  deleteKeys: prop.string({
    name: 'Delete Keys',
    description:
      "A comma-separated list of column names that uniquely identifies a row in the database for DELETE statements. If the Statement Type is DELETE and this property is not set, the table's columns are used. This property is ignored if the Statement Type is not DELETE",
    el: 'flowfile',
  }),
  quoteColumnIdentifiers: prop.boolean({
    name: 'Quote Column Identifiers',
    description:
      'Enabling this option will cause all column names to be quoted, allowing you to use reserved words as column names in your tables. Sluice always writes the column names it found in the database quoted; this option decides whether configured names (Update Keys, Delete Keys) are matched exactly (true) or as PostgreSQL reads unquoted names, in lower case (false).',
    default: 'false',
  }),
  quoteTableIdentifiers: prop.boolean({
    name: 'Quote Table Identifiers',
    description:
      'Enabling this option will cause the table name to be quoted to support the use of special characters in the table name: Catalog, Schema and Table Name are then matched exactly; otherwise in lower case, as PostgreSQL reads unquoted names.',
    default: 'false',
  }),
  maxWaitTime: prop.duration({
    name: 'Max Wait Time',
    description:
      'The maximum amount of time allowed for a running SQL statement , zero means there is no limit. A statement that runs longer is cancelled and the flowfile goes to retry.',
    default: '0 seconds',
    el: 'environment',
  }),
  rollbackOnFailure: prop.boolean({
    name: 'Rollback On Failure',
    description:
      "Specify how to handle error. By default (false), if an error occurs while processing a FlowFile, the FlowFile will be routed to 'failure' or 'retry' relationship based on error type, and processor can continue with next FlowFile. Instead, you may want to rollback currently processed FlowFiles and stop further processing immediately. In that case, you can do so by enabling this 'Rollback On Failure' property. If enabled, failed FlowFiles will stay in the input relationship without penalizing it and being processed repeatedly until it gets processed successfully or removed by other means. It is important to set adequate 'Yield Duration' to avoid retrying too frequently.",
    default: 'false',
  }),
  maxBatchSize: prop.integer({
    name: 'Maximum Batch Size',
    description:
      'Specifies maximum number of records to be included in each INSERT, UPSERT or INSERT_IGNORE statement sent to the database (a multi-row INSERT); UPDATE and DELETE send one statement per record. Zero means the batch size is only limited by the 65535 parameters PostgreSQL takes in one statement. Every statement of a flowfile runs in one transaction either way.',
    default: '1000',
    min: 0,
    el: 'flowfile',
  }),
} as const;
