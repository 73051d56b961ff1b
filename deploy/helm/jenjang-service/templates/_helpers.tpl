{{- define "jenjang.service" -}}
{{- required "values: service is required (personnel, training, mentoring, evaluation or welfare)" .Values.service -}}
{{- end -}}

{{- define "jenjang.prefix" -}}
{{- include "jenjang.service" . | upper -}}
{{- end -}}

{{- define "jenjang.image" -}}
{{- $repo := .Values.image.repository | default (printf "jenjang/%s" (include "jenjang.service" .)) -}}
{{- printf "%s:%s" $repo (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{- define "jenjang.labels" -}}
app.kubernetes.io/name: {{ include "jenjang.service" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: jenjang
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The API pods only: the migration Job and the sweep CronJobs carry other roles. */}}
{{- define "jenjang.selector" -}}
app.kubernetes.io/name: {{ include "jenjang.service" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
jenjang.io/role: api
{{- end -}}

{{/* The environment every container of the service gets: ConfigMap, then Secret references. */}}
{{- define "jenjang.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "jenjang.service" . }}-config
env:
{{- $prefix := include "jenjang.prefix" . }}
{{- range $name, $ref := .Values.secretEnv }}
  - name: {{ printf "%s_%s" $prefix $name }}
    valueFrom:
      secretKeyRef:
        name: {{ $ref.secret | default (printf "%s-db-app" (include "jenjang.service" $)) }}
        key: {{ $ref.key }}
{{- end }}
{{- end -}}

{{- define "jenjang.podSecurity" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "jenjang.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}
