// The host's own version, set by CMake from project(VERSION).
#pragma once

#ifndef PASSERELLE_HOST_VERSION
#define PASSERELLE_HOST_VERSION "0.0.0-dev"
#endif
