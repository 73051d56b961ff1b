// A consumer of the province bus written without any of Jenjang's code, as another agency would:
// kafkajs reads the topics, the CloudEvents SDK for JavaScript turns each record (Kafka binary
// mode) into a CloudEvent and validates it, and ajv validates its data against the schema that
// the event's `dataschema` URL answers with (fetched from the schema registry, once per URL).
//
// Usage: node consume.mjs <bootstrap> <topic>[,<topic>...]
// Reads every topic from its start to its end offsets as they are when it starts, then prints one
// JSON report on stdout; the exit code is 0 even when records are invalid (the report says so).
import { Kafka, logLevel } from "kafkajs";
import { Kafka as KafkaBinding } from "cloudevents";
import Ajv from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [bootstrap, topicList] = process.argv.slice(2);
const topics = topicList.split(",");
const DEADLINE_MS = 60_000; // bounded: a missing record must fail the test, not hang it

const kafka = new Kafka({ clientId: "foreign-consumer", brokers: [bootstrap], logLevel: logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();
const remaining = new Map(); // "topic/partition" -> records still to read
for (const topic of topics) {
  for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
    const left = Number(high) - Number(low);
    if (left > 0) remaining.set(`${topic}/${partition}`, Number(high));
  }
}
await admin.disconnect();

const validators = new Map(); // dataschema URL -> compiled ajv validator
async function validatorFor(url) {
  if (!validators.has(url)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const schema = await response.json();
    // The dialect the schema declares decides the validator; strict mode stays on.
    const dialect = String(schema.$schema || "");
    const ajv = dialect.includes("2020-12") ? new Ajv2020({ allErrors: true }) : new Ajv({ allErrors: true });
    addFormats(ajv);
    validators.set(url, ajv.compile(schema));
  }
  return validators.get(url);
}

const report = { records: 0, cloudevents: 0, valid_data: 0, by_type: {}, by_topic: {}, classifications: {}, problems: [] };
const consumer = kafka.consumer({ groupId: `foreign-${process.pid}-${Date.now()}` });
await consumer.connect();
for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
const finished = new Promise((resolve) => {
  if (remaining.size === 0) resolve("empty");
  consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      report.records += 1;
      report.by_topic[topic] = (report.by_topic[topic] || 0) + 1;
      const headers = {};
      for (const [name, value] of Object.entries(message.headers || {})) headers[name] = String(value);
      try {
        const event = KafkaBinding.toEvent({ headers, key: message.key?.toString(), value: message.value });
        event.validate();
        report.cloudevents += 1;
        report.by_type[event.type] = (report.by_type[event.type] || 0) + 1;
        report.classifications[event.classification] = (report.classifications[event.classification] || 0) + 1;
        const validate = await validatorFor(event.dataschema);
        if (validate(event.data)) report.valid_data += 1;
        else report.problems.push(`${event.type} ${event.id}: ${JSON.stringify(validate.errors)}`);
      } catch (error) {
        report.problems.push(`${topic}/${partition}@${message.offset}: ${error.message || error}`);
      }
      const key = `${topic}/${partition}`;
      if (remaining.has(key) && Number(message.offset) + 1 >= remaining.get(key)) remaining.delete(key);
      if (remaining.size === 0) resolve("done");
    },
  });
});
let timer;
const outcome = await Promise.race([finished, new Promise((r) => (timer = setTimeout(() => r("timeout"), DEADLINE_MS)))]);
clearTimeout(timer); // else the pending timer keeps node alive until the deadline
if (outcome === "timeout") report.problems.push(`timed out with ${remaining.size} partitions unread`);
await consumer.disconnect();
report.schemas_fetched = validators.size;
process.stdout.write(JSON.stringify(report) + "\n");
