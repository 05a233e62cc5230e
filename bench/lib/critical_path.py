"""The physical limit of a deploy: the longest chain of durations through the steps' dependency graph.

Each step (a stack's create, the AMI build) takes its duration from the time-true emulator's own timeline
(a stack's CREATE_IN_PROGRESS to CREATE_COMPLETE is already that stack's critical path over its resources,
from the same DurationTable); a step starts when everything it depends on has finished. Steps that make
no timed resource (an access point, a tag, an upload) take 0.

    python critical_path.py --self-test      runs the tests in test_critical_path.py
"""


def critical_path(durations, depends_on):
    """(length, chain) of the longest path: durations {step: seconds}; depends_on {step: [steps]}.

    A step missing from durations takes 0. Raises ValueError on a cycle."""
    finish, via, state = {}, {}, {}

    def visit(step):
        if state.get(step) == 1:
            raise ValueError("circular dependency through " + step)
        if step in finish:
            return finish[step]
        state[step] = 1
        start, before = 0.0, None
        for dep in sorted(depends_on.get(step, [])):
            f = visit(dep)
            if before is None or f > start:
                start, before = f, dep
        finish[step] = start + durations.get(step, 0.0)
        via[step] = before
        state[step] = 2
        return finish[step]

    steps = set(durations) | set(depends_on) | {d for ds in depends_on.values() for d in ds}
    for s in sorted(steps):
        visit(s)
    if not finish:
        return 0.0, []
    last = max(sorted(finish), key=lambda s: finish[s])
    chain = []
    while last is not None:
        chain.insert(0, last)
        last = via[last]
    return finish[chain[-1]], chain


if __name__ == "__main__":
    import os
    import sys
    import unittest
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    result = unittest.TextTestRunner(verbosity=1).run(unittest.defaultTestLoader.loadTestsFromName("test_critical_path"))
    sys.exit(0 if result.wasSuccessful() else 1)
