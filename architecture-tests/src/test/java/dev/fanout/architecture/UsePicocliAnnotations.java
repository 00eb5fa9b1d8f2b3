package dev.fanout.architecture;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** A class, or one of its fields, methods or constructors, carries an annotation from {@code picocli}. */
final class UsePicocliAnnotations extends ArchCondition<JavaClass> {

    UsePicocliAnnotations() {
        super("use picocli annotations");
    }

    @Override
    public void check(JavaClass javaClass, ConditionEvents events) {
        report(javaClass.getName(), javaClass.getAnnotations(), events, javaClass);
        for (JavaMember member : javaClass.getMembers()) {
            report(member.getFullName(), member.getAnnotations(), events, javaClass);
        }
    }

    private static void report(String where, Iterable<? extends JavaAnnotation<?>> annotations, ConditionEvents events,
                               JavaClass owner) {
        for (JavaAnnotation<?> annotation : annotations) {
            if (annotation.getRawType().getPackageName().equals("picocli")) {
                events.add(SimpleConditionEvent.satisfied(owner,
                        where + " is annotated with @" + annotation.getRawType().getSimpleName()));
            }
        }
    }
}
