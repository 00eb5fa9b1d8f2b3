package dev.fanout.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** A public class in an adapter package must be an adapter, a settings record or a client factory. */
final class PublicAdapterClassCondition extends ArchCondition<JavaClass> {

    PublicAdapterClassCondition() {
        super("be an adapter, a settings record or a client factory");
    }

    @Override
    public void check(JavaClass javaClass, ConditionEvents events) {
        boolean allowed = ArchitectureRulesTest.isAdapterFacing(javaClass);
        events.add(new SimpleConditionEvent(javaClass, allowed,
                javaClass.getName() + (allowed ? " is" : " is not") + " an adapter, settings record or client factory"));
    }
}
