// Wizard step 9, "Generate & export" (DESIGN §3): preview and compare the manifests, write
// the bundle, commit it to the site branch (offline), push when a network is there, and
// write the handover report next to the site (report.html, and report.pdf when the host can
// print). Everything the step knows lives in an ExportStore, so it survives switching steps;
// the lead creates it once and passes it in.
import './export.css';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Checkbox,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { siteBranch } from '../../../../main/core/site/model';
import type { Site } from '../../../../main/core/site/schema';
import type { ReportWriteResult } from '../../../../main/contract/api';
import type { Readiness } from '../../../../main/core/readiness';
import type { Api } from '../../api/client';
import { ReadinessChecklist } from '../validate/ReadinessChecklist';
import { DiffView } from './DiffView';
import { FilePreview } from './FilePreview';
import { GitExport } from './GitExport';
import { ManifestTree } from './ManifestTree';
import { createExportStore, type ExportStore } from './export-store';
import { count, formatSize, isAbsolutePath, parentFolder } from './format';
import { TaskError } from './TaskError';

export interface ExportStepProps {
  api: Api;
  /** Saved site file; undefined while the plan exists only in memory (e.g. the read-only example). */
  sitePath?: string;
  /** Parsed plan, for the repository, the name and the branch. */
  site?: Site;
  /** Plan errors right now. */
  errors: number;
  /** Unsaved edits: generation reads the saved file, so offer "Save first". */
  dirty: boolean;
  /** Saves (asking where if needed); resolves to the path or undefined when cancelled. */
  onSave(): Promise<string | undefined>;
  /** Go to the Validate step. */
  onShowFindings(): void;
  /** The step's state; created once here when not given (give it to keep it across steps). */
  store?: ExportStore;
  /** The readiness checklist (plan, hardware, secrets, bundle, export); shown on top when given. */
  readiness?: Readiness;
}

function StatusHeader({
  sitePath,
  dirty,
  errors,
  force,
  saving,
  onSave,
  onShowFindings,
  onForce,
}: {
  sitePath?: string;
  dirty: boolean;
  errors: number;
  force: boolean;
  saving: boolean;
  onSave(): void;
  onShowFindings(): void;
  onForce(force: boolean): void;
}) {
  const id = useId();
  const saveButton = (
    <Button variant="primary" onClick={onSave} isLoading={saving || undefined} isDisabled={saving} data-testid="export-save">
      Save to generate
    </Button>
  );
  return (
    <div className="sk-export-status" data-testid="export-status">
      {!sitePath ? (
        <Alert isInline variant="warning" title="The plan is not saved to a file yet" className="sk-gap">
          <Content component="p">The bundle is made from the saved site.yaml. Save the plan to a folder of its own first.</Content>
          {saveButton}
        </Alert>
      ) : (
        dirty && (
          <Alert isInline variant="warning" title="There are unsaved edits" className="sk-gap">
            <Content component="p">
              The bundle is made from the saved site.yaml, so what is shown below does not have the latest edits. Save to
              generate from them.
            </Content>
            {saveButton}
          </Alert>
        )
      )}
      {errors > 0 ? (
        <Alert
          isInline
          variant="danger"
          title={`The plan has ${count(errors, 'error')}: the bundle is not generated until they are fixed.`}
          className="sk-gap"
          data-testid="export-refused"
        >
          <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsSm' }}>
            <FlexItem>
              <Button variant="link" isInline onClick={onShowFindings}>
                Show the errors
              </Button>
            </FlexItem>
            <FlexItem>
              <Checkbox
                id={`${id}-force`}
                isChecked={force}
                onChange={(_e, checked) => onForce(checked)}
                label="Generate anyway"
                description="Writes and commits the bundle with the errors. This is recorded in validation.json of the bundle."
                data-testid="export-force"
              />
            </FlexItem>
          </Flex>
        </Alert>
      ) : (
        sitePath &&
        !dirty && (
          <Alert isInline isPlain variant="success" title="The plan has no errors: the bundle can be generated." className="sk-gap" />
        )
      )}
    </div>
  );
}

/** Where report.write put the files, in words the technician can act on. */
export function ReportResultView({ result }: { result: ReportWriteResult }) {
  const fileName = (p: string) => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  const folder = parentFolder(result.path);
  const pdfFolder = result.pdfPath ? parentFolder(result.pdfPath) : undefined;
  return (
    <Alert isInline variant="success" title="Handover report written" className="sk-gap-top" data-testid="export-report-result">
      <Content component="p">
        {fileName(result.path)} in <span className="sk-export-mono">{folder}</span> — open it in any browser and print it (A4).
      </Content>
      {result.pdfPath && (
        <Content component="p">
          {fileName(result.pdfPath)}
          {pdfFolder === folder ? ' next to it, ready to hand over.' : <> in <span className="sk-export-mono">{pdfFolder}</span>.</>}
        </Content>
      )}
      {result.pdfUnavailable && <Content component="p">{result.pdfUnavailable}</Content>}
    </Alert>
  );
}

export function ExportStep({ api, sitePath, site, errors, dirty, onSave, onShowFindings, store: given, readiness }: ExportStepProps) {
  const [own] = useState(() => given ?? createExportStore(api));
  const store = given ?? own;
  const s = useStore(store);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const id = useId();
  const repoDefault = site?.gitops?.repoURL;

  useEffect(() => {
    store.getState().open(sitePath, { repo: repoDefault });
  }, [store, sitePath, repoDefault]);
  useEffect(() => {
    // Every visit (and every save) reads the saved file again; what is shown stays meanwhile.
    if (sitePath) void store.getState().refresh();
  }, [store, sitePath, dirty]);

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await onSave();
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  // The preview knows about the saved file; the errors prop about the plan as edited.
  const refused = errors > 0 || s.preview?.refused === true;
  const blocked = !sitePath
    ? 'Save the plan to a file first.'
    : dirty
      ? 'Save the edits first: the bundle is made from the saved file.'
      : refused && !s.force
        ? 'The plan has errors: fix them, or tick "Generate anyway".'
        : undefined;
  // Errors of the plan as edited; when there are none but the saved file was refused, its own.
  const errorCount =
    errors > 0 ? errors : s.preview?.refused ? Math.max(1, s.preview.findings.filter((f) => f.severity === 'error').length) : 0;
  const files = s.preview?.files ?? [];
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  const selectedFile = files.find((f) => f.path === s.selected);
  const outDir = s.outDir.trim();
  const outDirOk = isAbsolutePath(outDir);

  return (
    <div className="sk-export" data-testid="export-step">
      <Title headingLevel="h2" size="xl" className="sk-gap">
        Generate &amp; export
      </Title>
      <StatusHeader
        sitePath={sitePath}
        dirty={dirty}
        errors={errorCount}
        force={s.force}
        saving={saving}
        onSave={() => void save()}
        onShowFindings={onShowFindings}
        onForce={s.setForce}
      />
      {readiness && <ReadinessChecklist readiness={readiness} />}
      {saveError && (
        <Alert
          isInline
          variant="danger"
          title="The plan was not saved"
          className="sk-gap"
          actionClose={<AlertActionCloseButton onClose={() => setSaveError(undefined)} />}
        >
          {saveError}
        </Alert>
      )}

      {sitePath && (
        <>
          <TaskError s={s} task="preview" title="The bundle could not be generated" testId="export-preview-error" />

          <Grid hasGutter className="sk-gap">
            <GridItem lg={4} md={12}>
              <Card isFullHeight>
                <CardHeader>
                  <CardTitle component="h3">Files of the bundle</CardTitle>
                  {s.preview && (
                    <Content component="small" className="sk-muted" data-testid="export-count">
                      {count(files.length, 'file')} · {formatSize(totalSize)}
                    </Content>
                  )}
                </CardHeader>
                <CardBody>
                  {s.preview ? (
                    <ManifestTree files={files} selected={s.selected} onSelect={s.select} />
                  ) : s.busy.preview ? (
                    <EmptyState titleText="Generating the files…" headingLevel="h4" icon={Spinner} variant="xs">
                      <EmptyStateBody>Nothing is written yet.</EmptyStateBody>
                    </EmptyState>
                  ) : (
                    <Content component="p" className="sk-muted">
                      No files to show.
                    </Content>
                  )}
                </CardBody>
              </Card>
            </GridItem>
            <GridItem lg={8} md={12}>
              <Card isFullHeight>
                <CardBody>
                  <FilePreview file={selectedFile} />
                </CardBody>
              </Card>
            </GridItem>
          </Grid>

          <Card className="sk-gap">
            <CardHeader>
              <CardTitle component="h3">Write the bundle</CardTitle>
            </CardHeader>
            <CardBody>
              <FormGroup label="Bundle folder" fieldId={`${id}-outdir`}>
                <InputGroup>
                  <InputGroupItem isFill>
                    <TextInput
                      id={`${id}-outdir`}
                      value={s.outDir}
                      onChange={(_e, v) => s.setOutDir(v)}
                      validated={outDir && !outDirOk ? 'error' : 'default'}
                      className="sk-export-mono"
                      data-testid="export-outdir"
                    />
                  </InputGroupItem>
                  {s.folderDialog !== 'unsupported' && (
                    <InputGroupItem>
                      <Button variant="control" onClick={() => void s.chooseOutDir()} isDisabled={s.busy.choose}>
                        Choose…
                      </Button>
                    </InputGroupItem>
                  )}
                </InputGroup>
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem variant={outDir && !outDirOk ? 'error' : 'default'}>
                      {outDir && !outDirOk
                        ? 'Type the full path of the folder (for example /home/tech/plant-a/bundle).'
                        : s.folderDialog === 'unsupported'
                          ? 'Type the full path of the folder; it is replaced as a whole when the bundle is written.'
                          : 'The whole folder is replaced when the bundle is written (only an empty folder or an earlier bundle).'}
                    </HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              {s.errors.choose && (
                <Alert isInline variant="danger" title={s.errors.choose} className="sk-gap" actionClose={<AlertActionCloseButton onClose={() => s.dismiss('choose')} />} />
              )}
              <Flex spaceItems={{ default: 'spaceItemsSm' }} className="sk-export-actions">
                <FlexItem>
                  <Button
                    variant="secondary"
                    onClick={() => void s.compare()}
                    isDisabled={!outDirOk || s.busy.diff}
                    isLoading={s.busy.diff || undefined}
                    data-testid="export-compare"
                  >
                    Compare with last bundle
                  </Button>
                </FlexItem>
                <FlexItem>
                  <Button
                    variant="primary"
                    onClick={() => void s.write()}
                    isDisabled={!outDirOk || s.busy.write || blocked !== undefined}
                    isLoading={s.busy.write || undefined}
                    data-testid="export-write"
                  >
                    {s.busy.write ? 'Writing the bundle…' : refused && s.force ? 'Write bundle anyway' : 'Write bundle'}
                  </Button>
                </FlexItem>
              </Flex>
              {blocked && (
                <HelperText className="sk-gap">
                  <HelperTextItem variant="warning">{blocked}</HelperTextItem>
                </HelperText>
              )}
              <TaskError s={s} task="diff" title="The comparison did not work" />
              <TaskError s={s} task="write" title="The bundle was not written" testId="export-write-error" />
              {s.writeResult && (
                <Alert
                  isInline
                  variant={s.writeResult.forced ? 'warning' : 'success'}
                  title={`Bundle written: ${count(s.writeResult.files, 'file')} in ${s.writeResult.outDir}`}
                  className="sk-gap"
                  data-testid="export-write-result"
                >
                  {s.writeResult.forced && 'Written with plan errors; validation.json in the bundle records that it was forced.'}
                </Alert>
              )}
              <DiffView diff={s.diff} missing={s.diffMissing} />
            </CardBody>
          </Card>

          <Card className="sk-gap">
            <CardHeader>
              <CardTitle component="h3">Export to Git</CardTitle>
            </CardHeader>
            <CardBody>
              <Content component="p" className="sk-muted">
                The bundle, the discovered hardware and the handover report are committed to the site branch. Committing
                works without a network; push when there is one.
              </Content>
              <GitExport store={store} branch={site ? siteBranch(site) : undefined} blocked={blocked} onShowFindings={onShowFindings} />
            </CardBody>
          </Card>

          <Card className="sk-gap">
            <CardHeader>
              <CardTitle component="h3">Handover report</CardTitle>
            </CardHeader>
            <CardBody>
              <Content component="p" className="sk-muted">
                A readable summary of the site, the hardware found and the checks, to hand over or print. It is written as
                report.html next to site.yaml (and as report.pdf when this computer can print), and is also part of the Git
                export.
              </Content>
              <Button
                variant="secondary"
                onClick={() => void s.writeReport()}
                isLoading={s.busy.report || undefined}
                isDisabled={s.busy.report}
                data-testid="export-report"
              >
                {s.busy.report ? 'Writing the report…' : 'Write handover report'}
              </Button>
              {dirty && (
                <HelperText className="sk-gap-top">
                  <HelperTextItem variant="warning">The report is made from the saved site.yaml: save to include the latest edits.</HelperTextItem>
                </HelperText>
              )}
              {s.reportResult && <ReportResultView result={s.reportResult} />}
              <TaskError s={s} task="report" title="The report could not be written" testId="export-report-error" className="sk-gap-top" />
            </CardBody>
          </Card>
        </>
      )}
    </div>
  );
}
