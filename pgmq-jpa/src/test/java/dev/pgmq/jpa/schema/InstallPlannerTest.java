package dev.pgmq.jpa.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgmq.jpa.SchemaMode;
import dev.pgmq.jpa.SchemaStatus.Change;
import dev.pgmq.jpa.SchemaStatus.Kind;
import dev.pgmq.jpa.internal.schema.InstallPlan;
import dev.pgmq.jpa.internal.schema.InstallPlan.Action;
import dev.pgmq.jpa.internal.schema.InstallPlanner;
import dev.pgmq.jpa.internal.schema.SchemaState;
import dev.pgmq.jpa.internal.schema.ScriptVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The installer's decisions for every mode and database state (pure logic, no database). */
class InstallPlannerTest {

  private static final ScriptVersion BUNDLED = new ScriptVersion("1.13.1", 3);
  private static final SchemaState EMPTY = new SchemaState(null, false, null, false);
  private static final SchemaState EMPTY_EXT_AVAILABLE = new SchemaState(null, true, null, false);
  private static final SchemaState EXTENSION = new SchemaState("1.13.1", true, null, true);

  @ParameterizedTest
  @EnumSource(
      value = SchemaMode.class,
      names = {"EXTENSION_OR_SQL", "EXTENSION_ONLY", "NONE"})
  void anInstalledExtensionIsUsedAsItIsAndNeverOverwritten(SchemaMode mode) {
    InstallPlan plan = InstallPlanner.plan(mode, EXTENSION, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.NOTHING);
    assertThat(plan.status().kind()).isEqualTo(Kind.EXTENSION);
    assertThat(plan.status().version()).isEqualTo("1.13.1");
    assertThat(plan.status().installedNow()).isFalse();
  }

  @Test
  void sqlOnlyRefusesToInstallOverAnExtension() {
    InstallPlan plan = InstallPlanner.plan(SchemaMode.SQL_ONLY, EXTENSION, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.FAIL);
    assertThat(plan.failure()).contains("extension 1.13.1 is installed").contains("SQL_ONLY");
  }

  @Test
  void anExtensionInstalledOverALeftoverSqlRecordStillWins() {
    SchemaState both = new SchemaState("1.12.0", true, new ScriptVersion("1.13.1", 1), true);
    InstallPlan plan = InstallPlanner.plan(SchemaMode.EXTENSION_OR_SQL, both, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.NOTHING);
    assertThat(plan.status().kind()).isEqualTo(Kind.EXTENSION);
  }

  @Test
  void defaultModeCreatesTheExtensionWhenTheServerOffersIt() {
    InstallPlan plan =
        InstallPlanner.plan(SchemaMode.EXTENSION_OR_SQL, EMPTY_EXT_AVAILABLE, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.CREATE_EXTENSION);
  }

  @Test
  void defaultModeFallsBackToTheSqlInstallWhenTheServerLacksTheExtension() {
    InstallPlan plan = InstallPlanner.plan(SchemaMode.EXTENSION_OR_SQL, EMPTY, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.RUN_SQL);
    assertThat(plan.status().kind()).isEqualTo(Kind.SQL);
    assertThat(plan.status().change()).isEqualTo(Change.INSTALLED);
    assertThat(plan.status().version()).isEqualTo("1.13.1");
  }

  @Test
  void extensionOnlyCreatesTheExtensionOrFailsClearly() {
    assertThat(
            InstallPlanner.plan(SchemaMode.EXTENSION_ONLY, EMPTY_EXT_AVAILABLE, BUNDLED).action())
        .isEqualTo(Action.CREATE_EXTENSION);
    InstallPlan plan = InstallPlanner.plan(SchemaMode.EXTENSION_ONLY, EMPTY, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.FAIL);
    assertThat(plan.failure()).contains("does not offer the pgmq extension");
  }

  @Test
  void sqlOnlyInstallsEvenWhereTheExtensionIsAvailable() {
    assertThat(InstallPlanner.plan(SchemaMode.SQL_ONLY, EMPTY_EXT_AVAILABLE, BUNDLED).action())
        .isEqualTo(Action.RUN_SQL);
  }

  @Test
  void noneOnAnEmptyDatabaseFailsWithAClearMessage() {
    InstallPlan plan = InstallPlanner.plan(SchemaMode.NONE, EMPTY_EXT_AVAILABLE, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.FAIL);
    assertThat(plan.failure())
        .contains("PGMQ is not installed")
        .contains("SchemaMode.NONE installs nothing")
        .contains("dev.pgmq.jpa.PgmqSqlScript");
  }

  @ParameterizedTest
  @EnumSource(
      value = SchemaMode.class,
      names = {"EXTENSION_OR_SQL", "SQL_ONLY"})
  void anOlderSqlInstallIsUpgradedAndACurrentOrNewerOneLeftAlone(SchemaMode mode) {
    SchemaState older = new SchemaState(null, false, new ScriptVersion("1.13.1", 2), true);
    InstallPlan upgrade = InstallPlanner.plan(mode, older, BUNDLED);
    assertThat(upgrade.action()).isEqualTo(Action.RUN_SQL);
    assertThat(upgrade.status().change()).isEqualTo(Change.UPGRADED);

    SchemaState olderApi = new SchemaState(null, true, new ScriptVersion("1.12.0", 9), true);
    assertThat(InstallPlanner.plan(mode, olderApi, BUNDLED).action()).isEqualTo(Action.RUN_SQL);

    SchemaState current = new SchemaState(null, true, BUNDLED, true);
    assertThat(InstallPlanner.plan(mode, current, BUNDLED).action()).isEqualTo(Action.NOTHING);

    SchemaState newer = new SchemaState(null, false, new ScriptVersion("1.14.0", 1), true);
    InstallPlan keep = InstallPlanner.plan(mode, newer, BUNDLED);
    assertThat(keep.action()).isEqualTo(Action.NOTHING);
    assertThat(keep.status().version()).isEqualTo("1.14.0");
  }

  @Test
  void noneAcceptsAnSqlInstallOfAnyVersionWithoutTouchingIt() {
    SchemaState older = new SchemaState(null, false, new ScriptVersion("1.12.0", 1), true);
    InstallPlan plan = InstallPlanner.plan(SchemaMode.NONE, older, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.NOTHING);
    assertThat(plan.status().kind()).isEqualTo(Kind.SQL);
    assertThat(plan.status().version()).isEqualTo("1.12.0");
  }

  @Test
  void extensionOnlyRefusesAnSqlInstall() {
    SchemaState sql = new SchemaState(null, true, BUNDLED, true);
    InstallPlan plan = InstallPlanner.plan(SchemaMode.EXTENSION_ONLY, sql, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.FAIL);
    assertThat(plan.failure()).contains("SQL-only install").contains("EXTENSION_ONLY");
  }

  @ParameterizedTest
  @EnumSource(
      value = SchemaMode.class,
      names = {"EXTENSION_OR_SQL", "SQL_ONLY", "NONE"})
  void anSqlInstallMadeByAnotherToolIsUsedButNeverModified(SchemaMode mode) {
    SchemaState external = new SchemaState(null, true, null, true);
    InstallPlan plan = InstallPlanner.plan(mode, external, BUNDLED);
    assertThat(plan.action()).isEqualTo(Action.NOTHING);
    assertThat(plan.status().kind()).isEqualTo(Kind.EXTERNAL_SQL);
  }

  @Test
  void scriptVersionsCompareNumericallyThenByRevision() {
    assertThat(new ScriptVersion("1.9.0", 5)).isLessThan(new ScriptVersion("1.10.0", 1));
    assertThat(new ScriptVersion("1.13.1", 1)).isLessThan(new ScriptVersion("1.13.1", 2));
    assertThat(new ScriptVersion("1.13", 1)).isEqualByComparingTo(new ScriptVersion("1.13.0", 1));
    assertThat(new ScriptVersion("1.13.1", 2)).hasToString("1.13.1 r2");
  }
}
