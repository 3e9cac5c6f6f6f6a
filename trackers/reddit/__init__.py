"""The reddit tracker."""
