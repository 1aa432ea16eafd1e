import { Duration, Validations } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import {
  INTERNAL_PROBLEM_CODE,
  METRICS_NAMESPACE,
  PROBLEMS_METRIC,
  SERVICE_NAME,
} from "../../lib/http/metric-names.js";
import { TABLE } from "../../lib/store/table.js";
import type { StageConfig } from "../config.js";

const PERIOD = Duration.minutes(5);

/** Thresholds, exported so the tests and the README quote the same numbers. */
export const ALARM_THRESHOLDS = {
  /** Percentage of requests answered 5xx in 5 minutes (2 of 3 periods), once there are ≥ 10 requests. */
  api5xxPercent: 5,
  api5xxMinRequests: 10,
  /** Any throttled DynamoDB request in 5 minutes (the API answers it with 503 + Retry-After). */
  dynamoThrottledRequests: 1,
  /** Any unhandled function error or timeout in 5 minutes (handled errors become problem+json). */
  functionErrors: 1,
  /** Any request answered 500 `internal` in 5 minutes: a defect or an outage, however low the traffic. */
  internalProblems: 1,
} as const;

export interface ServiceAlarmsProps {
  config: StageConfig;
  api: HttpApi;
  table: ITable;
  /** The Lambda of each area. */
  functions: ReadonlyMap<string, IFunction>;
  /**
   * Functions that answer no API request themselves (the web console): an alarm on their errors only.
   * The console's 500 pages are logged with the correlation id; the API calls it makes in-process
   * publish their Problems metric under their own area, so the areas' alarms see them.
   */
  otherFunctions?: ReadonlyMap<string, IFunction>;
}

/**
 * Alarms on what users notice: API 5xx rate, DynamoDB throttling (table and each index of the table
 * definition), unhandled errors and unexpected (500) answers per function. With `-c alarmEmail=…`
 * they notify an SNS e-mail topic.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic: Topic | undefined;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { config } = props;
    const name = (suffix: string) => `${config.prefix}-${suffix}`;

    if (config.alarmEmail) {
      this.topic = new Topic(this, "Topic", {
        displayName: `Impact Procurement ${config.stage} alarms`,
        enforceSSL: true,
      });
      this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
      Validations.of(this.topic).acknowledge({
        id: "AwsSolutions-SNS2",
        reason:
          "Carries only CloudWatch alarm state changes (alarm name, metric, threshold), no customer data. CloudWatch cannot publish to a topic encrypted with the AWS-managed aws/sns key, and a customer-managed key for this would add cost and a key policy to maintain for no protected content.",
      });
    }

    const add = (alarm: Alarm) => {
      if (this.topic) {
        alarm.addAlarmAction(new SnsAction(this.topic));
        alarm.addOkAction(new SnsAction(this.topic));
      }
      this.alarms.push(alarm);
      return alarm;
    };

    const requests = props.api.metricCount({ period: PERIOD, statistic: "Sum" });
    const serverErrors = props.api.metricServerError({ period: PERIOD, statistic: "Sum" });
    add(
      new Alarm(this, "Api5xxRate", {
        alarmName: name("api-5xx-rate"),
        alarmDescription: `More than ${ALARM_THRESHOLDS.api5xxPercent}% of API requests answered with a 5xx (500, 503 throttling, gateway errors).`,
        metric: new MathExpression({
          label: "5xx %",
          expression: `IF(requests >= ${ALARM_THRESHOLDS.api5xxMinRequests}, 100 * FILL(errors, 0) / requests, 0)`,
          usingMetrics: { requests, errors: serverErrors },
          period: PERIOD,
        }),
        threshold: ALARM_THRESHOLDS.api5xxPercent,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const throttleTargets: { label: string; dimensions: Record<string, string> }[] = [
      { label: "table", dimensions: { TableName: props.table.tableName } },
      ...TABLE.indexes.map((index) => ({
        label: index.name,
        dimensions: { TableName: props.table.tableName, GlobalSecondaryIndexName: index.name },
      })),
    ];
    for (const target of throttleTargets) {
      const metric = (metricName: string) =>
        new Metric({
          namespace: "AWS/DynamoDB",
          metricName,
          dimensionsMap: target.dimensions,
          period: PERIOD,
          statistic: "Sum",
        });
      add(
        new Alarm(this, `DynamoThrottles-${target.label}`, {
          alarmName: name(`dynamodb-throttles-${target.label}`),
          alarmDescription: `DynamoDB throttled reads or writes on the ${target.label === "table" ? "table" : `index ${target.label}`}; the API answers those with 503.`,
          metric: new MathExpression({
            label: "throttled requests",
            expression: "FILL(reads, 0) + FILL(writes, 0)",
            usingMetrics: { reads: metric("ReadThrottleEvents"), writes: metric("WriteThrottleEvents") },
            period: PERIOD,
          }),
          threshold: ALARM_THRESHOLDS.dynamoThrottledRequests,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    const errorsOf = (area: string, fn: IFunction) =>
      add(
        new Alarm(this, `FunctionErrors-${area}`, {
          alarmName: name(`function-errors-${area}`),
          alarmDescription: `The ${area} function crashed or timed out (errors the handlers map to problem+json do not count).`,
          metric: fn.metricErrors({ period: PERIOD, statistic: "Sum" }),
          threshold: ALARM_THRESHOLDS.functionErrors,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    for (const [area, fn] of props.otherFunctions ?? []) errorsOf(area, fn);
    for (const [area, fn] of props.functions) {
      errorsOf(area, fn);
      // A 500 mapped to problem+json is no function error, and the 5xx rate needs traffic to see one.
      add(
        new Alarm(this, `InternalProblems-${area}`, {
          alarmName: name(`internal-problems-${area}`),
          alarmDescription: `The ${area} function answered 500 (code '${INTERNAL_PROBLEM_CODE}'): find the request by its correlationId in the function's logs; the line carries the error and its stack.`,
          metric: new Metric({
            namespace: METRICS_NAMESPACE,
            metricName: PROBLEMS_METRIC,
            dimensionsMap: { service: SERVICE_NAME, area, code: INTERNAL_PROBLEM_CODE },
            period: PERIOD,
            statistic: "Sum",
          }),
          threshold: ALARM_THRESHOLDS.internalProblems,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }
}
