package dev.fanout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.fanout.ports.BundlePublisher;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RecordBatchDecoder;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.SecretStore;
import dev.fanout.ports.StoredObjects;

/**
 * The sentences of docs/architecture.md, as rules. Each field's name is the sentence; each
 * {@code because} says why the rule exists. {@code failOnEmptyShould} stays on, so a rule that
 * stops matching anything (a renamed package) fails instead of passing vacuously.
 */
@AnalyzeClasses(packages = "dev.fanout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {

    private static final String PORTS = "dev.fanout.ports..";
    private static final String DOMAIN = "dev.fanout.domain..";
    private static final String DOMAIN_BATCH = "dev.fanout.domain.batch..";
    private static final String DOMAIN_REDRIVE = "dev.fanout.domain.redrive..";
    private static final String ADAPTERS = "dev.fanout.adapters..";
    private static final String LOCAL_ADAPTERS = "dev.fanout.adapters.local..";
    private static final String AWS_ADAPTERS = "dev.fanout.adapters.aws..";
    private static final String KAFKA_ADAPTERS = "dev.fanout.adapters.kafka..";
    private static final String AWS_FAILURES = "dev.fanout.adapters.aws.failure..";
    private static final String BOOTSTRAP = "dev.fanout.bootstrap..";
    private static final String CLI = "dev.fanout.bootstrap.cli..";
    private static final String LAMBDA = "dev.fanout.bootstrap.lambda..";

    @ArchTest
    static final ArchRule ports_dependOnNothingButTheJdk = classes()
            .that().resideInAPackage(PORTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORTS, "java..")
            .because("the ports are the contract every ring shares; a library type in them would leak into all"
                    + " of them, and an SDK type in a port signature would tie the core to AWS");

    @ArchTest
    static final ArchRule domain_dependsOnlyOnPortsAndJacksonStreaming = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, PORTS, "java..", "javax.crypto..", "javax.security.auth.x500..",
                    "com.fasterxml.jackson.core..")
            .because("the domain is pure policy: decode, flatten, encode, batching and retry, with nothing but"
                    + " the streaming JSON parser beneath it (and the JDK's javax.crypto and X500Principal, with"
                    + " which the mTLS secret check decrypts a PBES1 key and compares certificate names)");

    @ArchTest
    static final ArchRule adapters_neverSeeTheDomain = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(DOMAIN)
            .because("a wire format must never leak into a policy, and a policy must never call an SDK");

    @ArchTest
    static final ArchRule localAdapters_neverSeeTheAwsAdapters = noClasses()
            .that().resideInAPackage(LOCAL_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(AWS_ADAPTERS)
            .because("adapters meet only through the ports; the composition root wires them together");

    @ArchTest
    static final ArchRule awsAdapters_neverSeeTheLocalAdapters = noClasses()
            .that().resideInAPackage(AWS_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(LOCAL_ADAPTERS)
            .because("adapters meet only through the ports; the composition root wires them together");

    @ArchTest
    static final ArchRule localAdapters_neverSeeTheKafkaAdapter = noClasses()
            .that().resideInAPackage(LOCAL_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(KAFKA_ADAPTERS)
            .because("adapters meet only through the ports; the composition root wires them together");

    @ArchTest
    static final ArchRule awsAdapters_neverSeeTheKafkaAdapter = noClasses()
            .that().resideInAPackage(AWS_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage(KAFKA_ADAPTERS)
            .because("adapters meet only through the ports; the composition root wires them together");

    @ArchTest
    static final ArchRule theKafkaAdapter_neverSeesTheOtherAdapters = noClasses()
            .that().resideInAPackage(KAFKA_ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(LOCAL_ADAPTERS, AWS_ADAPTERS)
            .because("adapters meet only through the ports; the composition root wires them together");

    @ArchTest
    static final ArchRule onlyTheKafkaAdapter_usesKafkaClients = noClasses()
            .that().resideOutsideOfPackages(KAFKA_ADAPTERS)
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
            .because("the Kafka client is one adapter's business (fanout publish); the Lambda never sends to Kafka"
                    + " and its artifact must not carry the client");

    @ArchTest
    static final ArchRule onlyTheAwsAdapters_useTheAwsSdk = noClasses()
            .that().resideOutsideOfPackages(AWS_ADAPTERS, BOOTSTRAP)
            .should().dependOnClassesThat().resideInAPackage("software.amazon..")
            .because("no SDK type crosses a port: the AWS adapters translate SDK types and exceptions");

    @ArchTest
    static final ArchRule onlyTheBootstraps_useDagger = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().dependOnClassesThat().resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..")
            .because("dependency injection is wiring, and wiring belongs to the composition roots alone");

    @ArchTest
    static final ArchRule nobody_usesFieldInjection = fields()
            .should().notBeAnnotatedWith("jakarta.inject.Inject")
            .andShould().notBeAnnotatedWith("javax.inject.Inject")
            .allowEmptyShould(true)
            .because("constructor injection keeps every dependency visible and every field final");

    @ArchTest
    static final ArchRule theDomain_neverReadsTheClock = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Math.class, "random")
            .because("time and randomness are injected (InstantSource, a seeded RandomGenerator) so that"
                    + " retries and deadlines can be tested without waiting");

    @ArchTest
    static final ArchRule environmentVariables_areReadOnlyByTheBootstraps = noClasses()
            .that().resideOutsideOfPackage(BOOTSTRAP)
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .because("environment variables are read in exactly one place per bootstrap, into a config record");

    @ArchTest
    static final ArchRule theBootstraps_neverSeeEachOther = noClasses()
            .that().resideInAPackage(LAMBDA)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .orShould().dependOnClassesThat().resideInAnyPackage("picocli..", "me.tongfei..", LOCAL_ADAPTERS)
            .because("the Lambda is its own composition root over the core and the AWS adapters; the command"
                    + " line's picocli, progress bar and file adapters must never reach the deployed jar");

    @ArchTest
    static final ArchRule theCommandLine_neverSeesTheLambda = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(LAMBDA)
            .orShould().dependOnClassesThat().resideInAnyPackage("com.amazonaws.services.lambda..", "org.crac..",
                    "io.micrometer..")
            .because("the command line starts in a fraction of a second; the Lambda runtime, CRaC and metrics"
                    + " libraries belong to the function alone");

    @ArchTest
    static final ArchRule lambdaHandlers_areRequestStreamHandlersNamedHandler = classes()
            .that().resideInAPackage(LAMBDA)
            .and().implement("com.amazonaws.services.lambda.runtime.RequestStreamHandler")
            .should().haveSimpleNameEndingWith("Handler")
            .andShould().bePublic()
            .andShould().haveOnlyFinalFields()
            .because("the runtime instantiates a handler by its name with a public no-argument constructor; the"
                    + " state it needs is built once, in static init, from the configuration record");

    @ArchTest
    static final ArchRule theLambda_readsItsEnvironmentOnlyInItsConfig = noClasses()
            .that().resideInAPackage(LAMBDA)
            .and().doNotHaveSimpleName("LambdaConfig")
            .should().callMethod(System.class, "getenv")
            .orShould().callMethod(System.class, "getenv", String.class)
            .because("the function's settings are read once, at init, into LambdaConfig, whose validation names"
                    + " the variable at fault");

    @ArchTest
    static final ArchRule theCommandLine_isBuiltWithPicocliSpecs_notAnnotations = noClasses()
            .that().resideInAPackage(BOOTSTRAP)
            .should(new UsePicocliAnnotations())
            .because("reading annotations makes the JDK generate a proxy class per annotation type at every"
                    + " start, ~60 ms of a one-second replay; CommandSpecs builds the same model in code");

    @ArchTest
    static final ArchRule rowSinks_areNamedTechnologyPlusPort = classes()
            .that().implement(RowSink.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("RowSink")
            .because("an adapter is <Technology><Port>: FirehoseRowSink, FileRowSink, InMemoryRowSink");

    @ArchTest
    static final ArchRule deadLetterSinks_areNamedTechnologyPlusPort = classes()
            .that().implement(DeadLetterSink.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("DeadLetterSink")
            .because("an adapter is <Technology><Port>: S3DeadLetterSink, FileDeadLetterSink");

    @ArchTest
    static final ArchRule bundleSources_areNamedTechnologyPlusPort = classes()
            .that().implement(BundleSource.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("BundleSource")
            .because("an adapter is <Technology><Port>: PipesEventBundleSource, FileBundleSource");

    @ArchTest
    static final ArchRule bundlePublishers_areNamedTechnologyPlusPort = classes()
            .that().implement(BundlePublisher.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("BundlePublisher")
            .because("an adapter is <Technology><Port>: KafkaBundlePublisher");

    @ArchTest
    static final ArchRule storedObjects_areNamedTechnologyPlusPort = classes()
            .that().implement(StoredObjects.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("StoredObjects")
            .because("an adapter is <Technology><Port>: FileStoredObjects, S3StoredObjects");

    @ArchTest
    static final ArchRule secretStores_areNamedTechnologyPlusPort = classes()
            .that().implement(SecretStore.class).and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("SecretStore")
            .because("an adapter is <Technology><Port>: SecretsManagerSecretStore");

    @ArchTest
    static final ArchRule portImplementations_liveInAdapters = classes()
            .that().implement(RowSink.class).or().implement(DeadLetterSink.class)
            .or().implement(BundleSource.class).or().implement(RecordBatchDecoder.class)
            .or().implement(BundlePublisher.class).or().implement(StoredObjects.class)
            .or().implement(SecretStore.class)
            .should().resideInAnyPackage(ADAPTERS, DOMAIN_BATCH, DOMAIN_REDRIVE)
            .because("driven ports are implemented by adapters; the core only calls them, except for the"
                    + " decorators that do no I/O themselves: in dev.fanout.domain.batch they wrap a sink to add"
                    + " retry policy, in dev.fanout.domain.redrive a source of dead letters to yield their bundles");

    @ArchTest
    static final ArchRule portValues_areRecords = classes()
            .that().resideInAPackage(PORTS)
            .and().areTopLevelClasses()
            .and().areNotInterfaces()
            .and().areNotEnums()
            .and().areNotAssignableTo(PortException.class)
            .should().beRecords()
            .because("values that cross a port are immutable records with validating constructors");

    @ArchTest
    static final ArchRule adapterPackages_exposeOnlyAdaptersAndTheirValues = classes()
            .that().resideInAPackage(ADAPTERS)
            .and().resideOutsideOfPackage(AWS_FAILURES)
            .and().arePublic()
            .and().areTopLevelClasses()
            .should(new PublicAdapterClassCondition())
            .because("only the adapter class is public; its helpers stay package-private");

    @ArchTest
    static final ArchRule theAwsFailureModel_isUsedOnlyByTheAwsAdapters = classes()
            .that().resideInAPackage(AWS_FAILURES)
            .should().onlyBeAccessed().byClassesThat().resideInAPackage(AWS_ADAPTERS)
            .because("the AWS sinks share one failure model so that they classify and word failures alike; it is"
                    + " public only so that their packages can reach it, and stays inside the AWS adapters");

    @ArchTest
    static final ArchRule theModules_formNoCycles = slices()
            .matching("dev.fanout.(*)..")
            .should().beFreeOfCycles()
            .because("the rings point one way: ports ← domain, ports ← adapters, everything ← bootstrap");

    @ArchTest
    static final ArchRule thePackages_formNoCycles = slices()
            .matching("dev.fanout.(**)")
            .should().beFreeOfCycles()
            .because("a cycle between packages makes one of them impossible to understand alone");

    /** True for classes a composition root needs: adapters, their settings records and client factories. */
    static boolean isAdapterFacing(JavaClass javaClass) {
        return javaClass.isAssignableTo(RowSink.class)
                || javaClass.isAssignableTo(DeadLetterSink.class)
                || javaClass.isAssignableTo(BundleSource.class)
                || javaClass.isAssignableTo(RecordBatchDecoder.class)
                || javaClass.isAssignableTo(BundlePublisher.class)
                || javaClass.isAssignableTo(StoredObjects.class)
                || javaClass.isAssignableTo(SecretStore.class)
                || javaClass.isRecord()
                || javaClass.getModifiers().contains(JavaModifier.FINAL) && javaClass.getSimpleName().endsWith("EventDecoder")
                || javaClass.getModifiers().contains(JavaModifier.FINAL) && javaClass.getSimpleName().endsWith("Clients");
    }
}
