"""Tests of critical_path.py (run: python bench/lib/critical_path.py --self-test)."""
import unittest

from critical_path import critical_path


class CriticalPathTest(unittest.TestCase):
    def test_the_longest_chain_wins_over_the_step_count(self):
        durations = {"s3": 20, "network": 8, "notebook": 300, "ami-stack": 135, "build": 1174, "emr": 750}
        deps = {"notebook": ["s3", "network"], "ami-stack": ["s3", "network"], "build": ["ami-stack"],
                "emr": ["s3", "network", "build"]}
        self.assertEqual((20 + 135 + 1174 + 750, ["s3", "ami-stack", "build", "emr"]), critical_path(durations, deps))

    def test_side_by_side_steps_take_the_longer_one_and_untimed_steps_take_nothing(self):
        length, chain = critical_path({"a": 5, "b": 7, "c": 1}, {"c": ["a", "b", "tag"]})
        self.assertEqual(8, length)
        self.assertEqual(["b", "c"], chain)

    def test_a_cycle_is_refused(self):
        with self.assertRaises(ValueError):
            critical_path({"a": 1, "b": 1}, {"a": ["b"], "b": ["a"]})

    def test_nothing_takes_no_time(self):
        self.assertEqual((0.0, []), critical_path({}, {}))


if __name__ == "__main__":
    unittest.main()
