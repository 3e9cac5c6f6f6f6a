"""The wg21 tracker."""
