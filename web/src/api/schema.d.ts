// Generated from api/openapi.yaml by `npm run gen:api` (openapi-typescript). Do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness; checks nothing but that the process answers. */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness for a load balancer.
         * @description 503 while migrating, draining or without a database.
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format 0.0.4). */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Build information of the running server. */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as JSON (OpenAPI 3.1). */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/client-timings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a timing measured by a browser or an app (anonymous, tiny bodies). */
        post: operations["postClientTiming"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings/platform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the platform's name or sign-up mode (audited as settings.changed). */
        patch: operations["updatePlatformSettings"];
        trace?: never;
    };
    "/api/v1/admin/routes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every route the server serves and who may call it. */
        get: operations["listRoutes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What every visitor sees before signing in (name, sign-up mode), and who is signed in.
         * @description Open to anyone; credentials, when sent, identify the viewer (invalid ones make a visitor).
         */
        get: operations["getPlatform"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live sessions ("where am I signed in"). */
        get: operations["listSessions"];
        put?: never;
        /**
         * Sign in; sets the session cookie.
         * @description One answer (`invalid_credentials`) for a wrong email or password, so it
         *     never tells whether an account exists. An account with TOTP answers
         *     `mfa_required` until `code` (a TOTP code or a recovery code) is given.
         */
        post: operations["signIn"];
        /** Sign out everywhere, this browser included. */
        delete: operations["signOutEverywhere"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Sign out of this session. */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of the caller's sessions.
         * @description Someone else's session is `not_found`, not `forbidden`.
         */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tokens for mobile and API clients.
         * @description `{email, password, code?}` signs in; `{refresh_token}` renews. Refresh
         *     tokens are single-use and rotate; one presented twice ends its family.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set or reset a password from a link's token.
         * @description Ends every session of the account and never signs in.
         */
        post: operations["setPasswordWithToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (when the platform's sign-up is open).
         * @description 202 whether or not the address already has an account (no
         *     enumeration); a verification link goes to the address.
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an address with a link's token (sign-up or email change). */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email-verification/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification link again; 202 whatever the address. */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a reset link (valid 1 hour); 202 whatever the address. */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether single sign-on is configured, and the provider's display name. */
        get: operations["getOidc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redirect to the identity provider. */
        get: operations["startOidc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider sends the browser back. */
        get: operations["oidcCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every other session ends. */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to change the address; a link goes to the new one.
         * @description The address changes when the link is followed (`POST /api/v1/auth/email-verification`).
         */
        post: operations["changeEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start (or restart) TOTP enrolment; pending until confirmed. */
        post: operations["startTotpEnrolment"];
        /** Turn two-factor authentication off. */
        delete: operations["disableTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm enrolment with a code; answers the recovery codes, once. */
        post: operations["confirmTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the recovery codes; the old ones stop working. */
        post: operations["regenerateRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search users. */
        get: operations["listUsers"];
        put?: never;
        /** Invite a user; an email with a `/set-password` link valid 7 days. */
        post: operations["inviteUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite users from CSV (`email,name,role,groups`; groups by name, `;`-separated). */
        post: operations["importUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** One user with their groups. */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, change the role, disable or enable (disabling ends every session). */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/admin/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End every session and token of a user. */
        delete: operations["endUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups by name, for instructors enrolling a group in their course (the admins' list, read-only). */
        get: operations["listGroupDirectory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups, by name. */
        get: operations["listGroups"];
        put?: never;
        /** Create a group. */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** One group. */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        /** Delete a group (its members stay). */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /** Rename a group or change its description. */
        patch: operations["updateGroup"];
        trace?: never;
    };
    "/api/v1/admin/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** A group's members. */
        get: operations["listGroupMembers"];
        put?: never;
        /** Add users to a group (already-members are left as they are). */
        post: operations["addGroupMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/groups/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user from a group. */
        delete: operations["removeGroupMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first. */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The skills taxonomy (a tree by parent_id), with counts of published courses. */
        get: operations["listSkills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a skill (slug from the name unless given). */
        post: operations["createSkill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/skills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a skill no course teaches and no skill sits under (else 409). */
        delete: operations["deleteSkill"];
        options?: never;
        head?: never;
        /** Rename, describe or move a skill (parent_id null makes it a root; no cycles). */
        patch: operations["updateSkill"];
        trace?: never;
    };
    "/api/v1/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's courses (admins see every course), newest first. */
        get: operations["listMyCourses"];
        put?: never;
        /** Create a draft course; the caller becomes its owner. */
        post: operations["createCourse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The editor's view (owners and admins) with the ETag to send back in If-Match. */
        get: operations["getCourse"];
        put?: never;
        post?: never;
        /** Delete a draft nobody is enrolled in (else 409; archive instead). */
        delete: operations["deleteCourse"];
        options?: never;
        head?: never;
        /** Change the course's fields; needs If-Match (428 without, 412 when stale). */
        patch: operations["updateCourse"];
        trace?: never;
    };
    "/api/v1/courses/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish, or 422 course_incomplete listing every problem. */
        post: operations["publishCourse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive the course (off the catalog; learners keep their records). */
        post: operations["archiveCourse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/owners": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an instructor or admin as an owner, by user id or email. */
        post: operations["addCourseOwner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/owners/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an owner (never the last one; 409). */
        delete: operations["removeCourseOwner"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/skills": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /** Replace the skills the course teaches, each with a level 1 to 5. */
        put: operations["setCourseSkills"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/prerequisites": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /** Replace the courses to complete first (draft or published; 422 on a cycle). */
        put: operations["setCoursePrerequisites"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/sections": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a section at the end of the outline. */
        post: operations["createSection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/sections/{section_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                section_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a section with its lessons. */
        delete: operations["deleteSection"];
        options?: never;
        head?: never;
        /** Rename a section or change requires_previous. */
        patch: operations["updateSection"];
        trace?: never;
    };
    "/api/v1/courses/{id}/sections/{section_id}/lessons": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                section_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a lesson at the end of a section (a quiz lesson gets its quiz settings). */
        post: operations["createLesson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/lessons/{lesson_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                lesson_id: string;
            };
            cookie?: never;
        };
        /** A lesson with its content, for its editors. */
        get: operations["getLessonForEditing"];
        put?: never;
        post?: never;
        /** Delete a lesson. */
        delete: operations["deleteLesson"];
        options?: never;
        head?: never;
        /** Change a lesson's title, required flag or content (not its kind). */
        patch: operations["updateLesson"];
        trace?: never;
    };
    "/api/v1/courses/{id}/outline": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /** Reorder every section and lesson at once (lessons may change section); needs If-Match. */
        put: operations["reorderOutline"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published courses; search as you type, filters, keyset pages for every order. */
        get: operations["searchCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        /** A published course's page (its editors also see drafts); no lesson content. */
        get: operations["getCatalogCourse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The caller's enrolment in the course (404 if none). */
        get: operations["getMyEnrolment"];
        put?: never;
        /**
         * Self-enrol in a published course (re-enrolling after withdrawal reactivates the same enrolment).
         * @description 403 `enrolment_closed` when the course is open by assignment only; 409
         *     `prerequisites_not_met` lists the courses still to complete in
         *     `missing_courses`.
         */
        post: operations["enrolMyself"];
        /** Withdraw (progress is kept; enrolling again picks it up). */
        delete: operations["withdrawMyself"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/enrolments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol users and every member of groups (course owners and admins; published courses only).
         * @description Up to 1000 ids in total. A due date, when given, is set on every
         *     named enrolment, including current ones. Withdrawn learners are
         *     reactivated. Disabled accounts and unknown ids are skipped and listed.
         */
        post: operations["enrolLearners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/enrolments/import": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol learners from CSV (`email` and optional `due_at` columns), reporting bad rows by line. */
        post: operations["importEnrolments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/enrolments/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a learner (progress and history are kept). */
        delete: operations["withdrawLearner"];
        options?: never;
        head?: never;
        /** Set or clear a learner's due date. */
        patch: operations["updateEnrolment"];
        trace?: never;
    };
    "/api/v1/courses/{id}/learners": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The course's learners with progress and best quiz scores (owners and admins). */
        get: operations["listLearners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/learners.csv": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The learners table as a CSV download (one column per quiz lesson; formula-like cells are prefixed with a quote). */
        get: operations["exportLearners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/courses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The course outline with the caller's lesson statuses, locks, progress and resume point. */
        get: operations["getLearnerOutline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/lessons/{lesson_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        /** Open a lesson (records the launch and the resume point); 403 `not_enrolled` or `lesson_locked`. */
        get: operations["getLearnerLesson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a resumable upload (tus 1.0 creation); instructors and admins.
         * @description Headers: `Tus-Resumable: 1.0.0` (else 412), `Upload-Length` (required:
         *     deferred lengths are not accepted) and `Upload-Metadata` with `filename`
         *     and `kind` (`video`, `image` or `attachment`), base64 as tus says. The
         *     kind's size limit (413 `payload_too_large`) and the caller's quota (413
         *     `quota_exceeded`) are checked before any byte is stored. The answer's
         *     `Location` is the upload's URL. Captions are not uploaded here: see
         *     `PUT /api/v1/media/{id}/captions/{language}`.
         */
        post: operations["createUpload"];
        delete?: never;
        /** tus 1.0 discovery (Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm). */
        options: operations["describeUploads"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /**
         * Where an upload stands (HEAD gives the same headers, as tus clients ask).
         * @description `Upload-Offset` is where to resume. An upload whose bytes all arrived
         *     but whose last answer was lost is accepted (or rejected) now.
         */
        get: operations["getUpload"];
        put?: never;
        post?: never;
        /** Abandon an upload (tus termination); its bytes go at once. */
        delete: operations["terminateUpload"];
        options?: never;
        head?: never;
        /**
         * Bytes at the upload's offset (tus 1.0 core, checksum).
         * @description `Content-Type: application/offset+octet-stream`, `Upload-Offset` equal
         *     to the current offset (else 409 with the current one), optionally
         *     `Upload-Checksum: sha1|sha256 <base64>` (a mismatch discards the chunk:
         *     460 `checksum_mismatch`). A cut connection keeps what arrived. The
         *     chunk that completes the upload has the file checked by its content
         *     (libmagic, ffprobe for videos): accepted, the answer carries
         *     `Upload-Media-Id` and a video is queued for transcoding; rejected, 422
         *     `upload_rejected` says why and nothing is kept.
         */
        patch: operations["appendUpload"];
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My media library, newest first. */
        get: operations["listMyMedia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** One item (owner or admin); a ready video comes with signed preview URLs. */
        get: operations["getMedia"];
        put?: never;
        post?: never;
        /** Delete an item no lesson uses (409 names a lesson that does), with its files. */
        delete: operations["deleteMedia"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** The owner's download of an image or attachment (Content-Disposition attachment; ranges). */
        get: operations["downloadMedia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a video whose processing failed again (409 otherwise). */
        post: operations["retryMedia"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/captions/{language}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description A language tag such as `en`, `pt-BR` or `zh-Hant`. */
                language: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Add or replace a video's captions in one language (WebVTT, validated).
         * @description The body is the WebVTT file (at most the `caption` upload limit). An
         *     invalid file is 422 `upload_rejected` naming the line. The captions
         *     become a subtitle rendition of the video's master playlist.
         */
        put: operations["putCaptions"];
        post?: never;
        /** Remove a video's captions in one language. */
        delete: operations["deleteCaptions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/v/{media}/{expires}/{signature}/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media: components["parameters"]["SignedMedia"];
                /** @description Unix time after which the link is refused. */
                expires: components["parameters"]["SignedExpires"];
                /** @description HMAC over the prefix and expiry, base64url. */
                signature: components["parameters"]["SignedSignature"];
                file: string;
            };
            cookie?: never;
        };
        /**
         * A file of a ready video under a signed, expiring prefix (no sign-in; CDN-cacheable).
         * @description The prefix comes from a lesson's `playback` or a library item; every
         *     relative URL in its playlists stays under it. Byte ranges (206,
         *     multipart/byteranges, 416), `If-Range`, strong ETags and 304 are
         *     supported. 403 `media_link_invalid` or `media_link_expired`.
         */
        get: operations["getSignedMediaFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/media/v/{media}/{expires}/{signature}/{dir}/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media: components["parameters"]["SignedMedia"];
                /** @description Unix time after which the link is refused. */
                expires: components["parameters"]["SignedExpires"];
                /** @description HMAC over the prefix and expiry, base64url. */
                signature: components["parameters"]["SignedSignature"];
                dir: string;
                file: string;
            };
            cookie?: never;
        };
        /** A rendition's playlist or segment, or a captions file, under a signed prefix. */
        get: operations["getSignedMediaRenditionFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/lessons/{lesson_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        /** A file lesson's attachment, as a download (Content-Disposition attachment; ranges). */
        get: operations["downloadLessonFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/lessons/{lesson_id}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report playback of a video lesson; distinct watched time completes it at the server's threshold.
         * @description `played` is the span played since the previous beat. Spans merge into
         *     the set already watched, so duplicate, late or replayed beats add
         *     nothing and seeking ahead skips what was not played. A span longer
         *     than `since_last_ms` (or, without it, the time since the last beat)
         *     allows at `playback_rate` is not counted (`span_counted: false`); the
         *     position is saved anyway. A player that names its playback
         *     (`playback_id`, a random UUID per load) and numbers its beats
         *     (`sequence`) keeps a late beat from moving the resume point back: the
         *     position is stored for a higher sequence of the same playback or for
         *     another playback, and the answer's `position_ms` is the one stored.
         *     409 `conflict` while the video's length is unknown; 422 for other
         *     lesson kinds.
         */
        post: operations["videoHeartbeat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/lessons/{lesson_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete an article or file lesson (idempotent); videos and quizzes complete otherwise (422). */
        post: operations["completeLesson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's current courses (most recent first, with where to continue), completed courses and counts. */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/questions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
            };
            cookie?: never;
        };
        /** The course's question bank, oldest first (owners and admins). */
        get: operations["listQuestions"];
        put?: never;
        /** Add a question to the bank. */
        post: operations["createQuestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/courses/{id}/questions/{question_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                question_id: string;
            };
            cookie?: never;
        };
        /** One question of the bank, with its key. */
        get: operations["getQuestion"];
        put?: never;
        post?: never;
        /** Delete a question, or archive it when an attempt has shown it; either way it leaves every quiz's list. */
        delete: operations["deleteQuestion"];
        options?: never;
        head?: never;
        /** Change a question (the fields sent; the definition is validated as a whole). */
        patch: operations["updateQuestion"];
        trace?: never;
    };
    "/api/v1/courses/{id}/quizzes/{lesson_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                /** @description A quiz lesson of the course. */
                lesson_id: string;
            };
            cookie?: never;
        };
        /** A quiz's settings (defaults when not set yet). */
        get: operations["getQuizSettings"];
        /** Replace a quiz's settings (absent fields take their defaults). */
        put: operations["putQuizSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/quizzes/{lesson_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The quiz lesson. */
                lesson_id: string;
            };
            cookie?: never;
        };
        /** The quiz's summary and the caller's attempts at it, newest first. */
        get: operations["listMyAttempts"];
        put?: never;
        /** Start an attempt, or get the open one back (an expired open one is graded first). */
        post: operations["startAttempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/attempts/{attempt_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        /** One of my attempts (open, questions and saved answers; or submitted, its result). */
        get: operations["getAttempt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/attempts/{attempt_id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Save answers so far (merged by question id). */
        put: operations["saveAnswers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/learn/attempts/{attempt_id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grade the attempt once; a retry with the same submit_key returns the same result. */
        post: operations["submitAttempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My certificates, newest first. */
        get: operations["listMyCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** The certificate as a PDF (its holder or an admin; anyone else gets 404). */
        get: operations["getCertificatePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/verify/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The printed verification code, e.g. SN-7K2M-9QXD-4TRB-W8HF (any case). */
                code: string;
            };
            cookie?: never;
        };
        /** Public verification by the printed code (`Cache-Control: no-cache`, so a revocation shows at once). */
        get: operations["verifyCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/verify/{code}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The printed verification code, e.g. SN-7K2M-9QXD-4TRB-W8HF (any case). */
                code: string;
            };
            cookie?: never;
        };
        /** The same certificate's PDF, public by code (a revoked one says REVOKED). */
        get: operations["verifyCertificatePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/certificates/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a certificate (audited); verification shows it invalid from now on. */
        post: operations["revokeCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paths I author (an admin sees every path), newest first. */
        get: operations["listMyPaths"];
        put?: never;
        /** Create a draft path (the slug is made from the title when not given). */
        post: operations["createPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/paths/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        /** A path for its author or an admin, with its courses in order. */
        get: operations["getPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change title, slug, summary or description (If-Match the current ETag). */
        patch: operations["updatePath"];
        trace?: never;
    };
    "/api/v1/paths/{id}/courses": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the ordered course list at once (If-Match the current ETag).
         * @description Courses must be published or the caller's own drafts (an admin: any); a published path
         *     only holds published courses (409). The path's learners follow in the same
         *     transaction: they are enrolled in the published courses it gains (not re-enrolled
         *     where they withdrew), their progress is recounted, and those left with every course
         *     complete complete the path and get its certificate.
         */
        put: operations["setPathCourses"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/paths/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the path (it needs at least one course, every one published; else 409). */
        post: operations["publishPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/paths/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take the path out of the catalog; enrolled learners keep progress and certificates. */
        post: operations["archivePath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/paths/{id}/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol in a published path and in each of its published courses not yet taken.
         * @description A learner who already completed every course completes the path at once and gets its
         *     certificate. Enrolling again is harmless (200) and recounts.
         */
        post: operations["enrolInPath"];
        /** Leave the path; its courses, progress and certificates stay. */
        delete: operations["leavePath"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published paths, newest first. */
        get: operations["listCatalogPaths"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/paths/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        /** A published path with its courses in order (drafts left out). */
        get: operations["getCatalogPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The paths I am in, most recently joined first, with progress. */
        get: operations["listMyEnrolledPaths"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My skill profile, highest level first.
         * @description Each skill at the highest level taught by a course I completed.
         */
        get: operations["getMySkills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The stable machine-readable error codes (`src/core/error.cpp`).
         * @enum {string}
         */
        ErrorCode: "bad_request" | "invalid_json" | "validation_failed" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "unsupported_media_type" | "header_too_large" | "rate_limited" | "internal" | "database_unavailable" | "not_ready" | "too_many_connections" | "invalid_credentials" | "invalid_token" | "cross_site_request" | "mfa_required" | "mfa_enrolment_required" | "signup_closed" | "email_not_verified" | "mail_unavailable" | "identity_provider_error" | "precondition_failed" | "precondition_required" | "course_incomplete" | "prerequisites_not_met" | "enrolment_closed" | "not_enrolled" | "lesson_locked" | "attempts_exhausted" | "attempt_closed" | "media_link_invalid" | "media_link_expired" | "range_not_satisfiable" | "quota_exceeded" | "upload_rejected" | "checksum_mismatch" | "upload_busy";
        /** @description RFC 9457 problem details. */
        Problem: {
            /** @description `urn:skillnexus:problem:<code>` */
            type: string;
            /** @description Short summary of the code. */
            title: string;
            status: number;
            /** @description What happened */
            detail: string;
            code: components["schemas"]["ErrorCode"];
            /** @description The request path. */
            instance?: string;
            /** @description Quote it when reporting a problem. */
            request_id?: string;
        };
        Empty: Record<string, never>;
        StatusBody: {
            status: string;
        };
        VersionInfo: {
            version: string;
            commit: string;
            build_time: string;
        };
        ClientTiming: {
            /** @enum {string} */
            name: "page_load" | "video_start" | "api_request";
            seconds: number;
        };
        RouteInfo: {
            /** @example GET */
            method: string;
            /** @example /api/v1/admin/users/{id} */
            pattern: string;
            /** @description `anyone`, `signed in` or the least role. */
            access: string;
        };
        Platform: {
            name: string;
            /** @enum {string} */
            signup: "open" | "invite_only";
            /** @description Who is signed in (from the session cookie or bearer token), null for visitors. */
            viewer: null | {
                /** Format: uuid */
                id: string;
                role: components["schemas"]["Role"];
            };
        };
        /** @enum {string} */
        Role: "learner" | "instructor" | "admin";
        /** @enum {string} */
        UserStatus: "invited" | "active" | "disabled";
        SignInRequest: {
            email: string;
            password: string;
            /** @description A TOTP code or a recovery code. */
            code?: string;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        TokenPair: {
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds. */
            expires_in: number;
            refresh_token: string;
        };
        TokenRequest: {
            token: string;
        };
        EmailRequest: {
            /** Format: email */
            email: string;
        };
        CurrentPasswordRequest: {
            current_password: string;
        };
        Session: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_seen_at: string;
            /** @description The client's address. */
            client: string;
            user_agent: string;
            /** @description This is the session making the request. */
            current: boolean;
        };
        Me: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            email_verified: boolean;
            mfa_enabled: boolean;
        };
        TotpEnrolment: {
            /** @description Base32 */
            secret: string;
            otpauth_uri: string;
            /** @description An SVG document of the otpauth URI's QR code. */
            qr_svg: string;
        };
        RecoveryCodes: {
            recovery_codes: string[];
        };
        OidcInfo: {
            enabled: boolean;
            /** @description The provider, for "Sign in with NAME". */
            name: string;
        };
        /** @description Pass as `cursor` for the next page; null on the last page. */
        NextCursor: string | null;
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            status: components["schemas"]["UserStatus"];
            email_verified: boolean;
            mfa_enabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_sign_in_at: string | null;
        };
        GroupRef: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        UserDetail: components["schemas"]["User"] & {
            groups: components["schemas"]["GroupRef"][];
        };
        /** @enum {string} */
        ImportMode: "all_or_nothing" | "valid_rows";
        ImportReport: {
            dry_run: boolean;
            mode: components["schemas"]["ImportMode"];
            /** @description Data rows */
            total_rows: number;
            /** @description Rows without an error. */
            valid_rows: number;
            /** @description Rows imported; 0 on a dry run. */
            imported: number;
            /** @description On a dry run only, the rows the same request without dry_run would import (0 in all_or_nothing mode when any row is bad). */
            would_import?: number;
            errors: {
                /** @description The line in the file */
                line: number;
                message: string;
            }[];
        };
        Group: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string;
            member_count: number;
        };
        GroupInput: {
            name: string;
            description?: string;
        };
        AuditEvent: {
            id: string;
            /** Format: date-time */
            occurred_at: string;
            event: string;
            /** Format: uuid */
            user_id: string | null;
            user_email: string | null;
            /** Format: uuid */
            actor_id: string | null;
            client_address: string | null;
            detail: {
                [key: string]: unknown;
            };
        };
        Skill: {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            description: string;
            /** Format: uuid */
            parent_id: string | null;
            /** @description Published courses teaching it. */
            course_count: number;
        };
        SkillInput: {
            name?: string;
            slug?: string;
            description?: string;
            /** Format: uuid */
            parent_id?: string | null;
        };
        /** @enum {string} */
        CourseLevel: "beginner" | "intermediate" | "advanced";
        /** @enum {string} */
        CourseStatus: "draft" | "published" | "archived";
        /** @description Create needs title; an edit sends only what changes. */
        CourseInput: {
            title?: string;
            /** @description From the title when not given. */
            slug?: string;
            summary?: string;
            /** @description Markdown. */
            description?: string;
            /** @description An https URL or a path on this site. */
            cover_url?: string | null;
            level?: components["schemas"]["CourseLevel"];
            duration_minutes?: number;
            /** @description en, fr, pt-BR, … */
            language?: string;
            self_enrolment?: boolean;
        };
        EditorLesson: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            section_id: string;
            position: number;
            title: string;
            /** @enum {string} */
            kind: "video" | "article" | "quiz" | "file";
            required: boolean;
            /** @description Markdown (articles). */
            body: string;
            body_html: string;
            /** Format: uuid */
            media_id: string | null;
            duration_seconds: number | null;
            file_key: string | null;
            file_name: string | null;
            file_size: number | null;
            /** Format: date-time */
            updated_at: string;
        };
        EditorSection: {
            /** Format: uuid */
            id: string;
            position: number;
            title: string;
            requires_previous: boolean;
            lessons: components["schemas"]["EditorLesson"][];
        };
        SectionInput: {
            title?: string;
            requires_previous?: boolean;
        };
        /** @description Create needs title and kind; the kind never changes. */
        LessonInput: {
            title?: string;
            /** @enum {string} */
            kind?: "video" | "article" | "quiz" | "file";
            required?: boolean;
            /** @description Markdown (articles). */
            body?: string;
            /**
             * Format: uuid
             * @description A video of the media library that the editor may use: their own (any, for an admin) or one a lesson of this course already shows; else 422 validation_failed.
             */
            media_id?: string | null;
            duration_seconds?: number | null;
            /** @description The id of an attachment or image of the media library, under the same rule as media_id. */
            file_key?: string | null;
            file_name?: string | null;
            file_size?: number | null;
        };
        CourseEditor: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            /** @description Markdown. */
            description: string;
            description_html: string;
            cover_url: string | null;
            level: components["schemas"]["CourseLevel"];
            duration_minutes: number;
            language: string;
            status: components["schemas"]["CourseStatus"];
            self_enrolment: boolean;
            /** @description The ETag is derived from it. */
            version: number;
            enrolment_count: number;
            /** Format: date-time */
            published_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            sections: components["schemas"]["EditorSection"][];
            owners: {
                /** Format: uuid */
                user_id: string;
                name: string;
                email: string;
            }[];
            skills: {
                /** Format: uuid */
                skill_id: string;
                slug: string;
                name: string;
                level: number;
            }[];
            prerequisites: {
                /** Format: uuid */
                id: string;
                slug: string;
                title: string;
                status: components["schemas"]["CourseStatus"];
            }[];
        };
        CourseListItem: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            status: components["schemas"]["CourseStatus"];
            level: components["schemas"]["CourseLevel"];
            language: string;
            version: number;
            enrolment_count: number;
            /** Format: date-time */
            published_at: string | null;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            created_at: string;
        };
        CourseSkillLevel: {
            slug: string;
            name: string;
            level: number;
        };
        CatalogCourse: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            cover_url: string | null;
            level: components["schemas"]["CourseLevel"];
            duration_minutes: number;
            language: string;
            skills: components["schemas"]["CourseSkillLevel"][];
            enrolment_count: number;
            /** Format: date-time */
            published_at: string | null;
        };
        CatalogPage: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            description_html: string;
            cover_url: string | null;
            level: components["schemas"]["CourseLevel"];
            duration_minutes: number;
            language: string;
            status: components["schemas"]["CourseStatus"];
            self_enrolment: boolean;
            enrolment_count: number;
            /** Format: date-time */
            published_at: string | null;
            sections: {
                /** Format: uuid */
                id: string;
                title: string;
                position: number;
                requires_previous: boolean;
                lessons: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                    /** @enum {string} */
                    kind: "video" | "article" | "quiz" | "file";
                    required: boolean;
                    duration_seconds: number | null;
                }[];
            }[];
            owners: {
                name: string;
            }[];
            skills: components["schemas"]["CourseSkillLevel"][];
            prerequisites: {
                /** Format: uuid */
                id: string;
                slug: string;
                title: string;
                /** @description Published (else not yet open). */
                available: boolean;
            }[];
        };
        PublishProblem: {
            /** Format: uuid */
            section_id?: string;
            /** Format: uuid */
            lesson_id?: string;
            field: string;
            message: string;
        };
        CourseIncompleteProblem: components["schemas"]["Problem"] & {
            problems: components["schemas"]["PublishProblem"][];
        };
        /** @enum {string} */
        EnrolmentStatus: "active" | "completed" | "withdrawn";
        Enrolment: {
            /** Format: uuid */
            user_id: string;
            /** Format: uuid */
            course_id: string;
            status: components["schemas"]["EnrolmentStatus"];
            /** @enum {string} */
            source: "self" | "assigned" | "group" | "import";
            /** Format: date-time */
            due_at: string | null;
            overdue: boolean;
            /** Format: date-time */
            enrolled_at: string;
            /** Format: date-time */
            completed_at: string | null;
            /** Format: date-time */
            withdrawn_at: string | null;
            required_lessons: number;
            completed_lessons: number;
            progress_percent: number;
            /** Format: uuid */
            last_lesson_id: string | null;
            /** Format: date-time */
            last_activity_at: string | null;
        };
        CourseRef: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
        };
        PrerequisitesProblem: components["schemas"]["Problem"] & {
            missing_courses: components["schemas"]["CourseRef"][];
        };
        EnrolLearnersResult: {
            /** @description New or reactivated enrolments. */
            enrolled: number;
            already_enrolled: number;
            unknown_user_ids: string[];
            unknown_group_ids: string[];
        };
        EnrolmentImportReport: {
            dry_run: boolean;
            mode: components["schemas"]["ImportMode"];
            total_rows: number;
            valid_rows: number;
            enrolled: number;
            already_enrolled: number;
            /** @description On a dry run only. */
            would_enrol?: number;
            errors: {
                line: number;
                message: string;
            }[];
        };
        QuizLessonRef: {
            /** Format: uuid */
            lesson_id: string;
            title: string;
        };
        Learner: {
            /** Format: uuid */
            user_id: string;
            name: string;
            email: string;
            status: components["schemas"]["EnrolmentStatus"];
            progress_percent: number;
            completed_lessons: number;
            required_lessons: number;
            /** Format: date-time */
            due_at: string | null;
            overdue: boolean;
            /** Format: date-time */
            enrolled_at: string;
            /** Format: date-time */
            completed_at: string | null;
            /** Format: date-time */
            last_activity_at: string | null;
            /** @description Best score (percent) by quiz lesson id; quizzes not attempted are absent. */
            quiz_scores: {
                [key: string]: number;
            };
        };
        /** @enum {string} */
        LessonKind: "video" | "article" | "quiz" | "file";
        /** @enum {string} */
        LessonStatus: "not_started" | "in_progress" | "completed";
        ResumePoint: {
            /** Format: uuid */
            lesson_id: string;
            lesson_title: string;
            position_ms: number;
        };
        LearnerOutline: {
            course: components["schemas"]["CourseRef"] & {
                status: string;
            };
            enrolment_status: components["schemas"]["EnrolmentStatus"] | null;
            /** @description The caller owns the course or is an admin (a preview). */
            editor: boolean;
            progress_percent: number;
            completed_lessons: number;
            required_lessons: number;
            /** Format: date-time */
            due_at: string | null;
            resume: components["schemas"]["ResumePoint"] | null;
            sections: {
                /** Format: uuid */
                id: string;
                title: string;
                requires_previous: boolean;
                locked: boolean;
                lessons: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                    kind: components["schemas"]["LessonKind"];
                    required: boolean;
                    status: components["schemas"]["LessonStatus"];
                    locked: boolean;
                    position_ms: number;
                    watched_percent: number;
                    /** @description Best quiz score */
                    best_score: string | null;
                }[];
            }[];
        };
        Upload: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "video" | "image" | "attachment";
            file_name: string;
            length: number;
            offset: number;
            /**
             * Format: uuid
             * @description Once accepted.
             */
            media_id: string | null;
            /** @description Why the content was refused. */
            rejection: string | null;
        };
        MediaItem: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "video" | "image" | "attachment" | "caption";
            /** @enum {string} */
            status: "processing" | "ready" | "failed";
            file_name: string;
            /** @description As detected from the bytes. */
            content_type: string;
            size_bytes: number;
            sha256: string;
            duration_ms: number | null;
            width: number | null;
            height: number | null;
            /** @description Transcoding progress of a video. */
            progress: number;
            /** @description Why processing failed. */
            failure: string | null;
            /** Format: date-time */
            created_at: string;
            captions: components["schemas"]["CaptionTrack"][];
            playback?: components["schemas"]["Playback"];
        };
        CaptionTrack: {
            language: string;
            label: string;
            /** @description In a playback answer */
            url?: string;
        };
        /**
         * @description What a player needs. `status` is `missing` when the lesson has no
         *     video, `processing`, `failed`, or `ready` — then with signed URLs that
         *     expire (ask the lesson again for fresh ones).
         */
        Playback: {
            /** @enum {string} */
            status: "missing" | "processing" | "ready" | "failed";
            /** @description The HLS master playlist. */
            master_url?: string;
            poster_url?: string;
            /** @description WebVTT of seek-bar thumbnail sprites. */
            thumbnails_url?: string;
            captions?: components["schemas"]["CaptionTrack"][];
            variants?: {
                height: number;
                bandwidth: number;
            }[];
        };
        LearnerLesson: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            course_id: string;
            course_title: string;
            /** Format: uuid */
            section_id: string;
            section_title: string;
            title: string;
            kind: components["schemas"]["LessonKind"];
            required: boolean;
            status: components["schemas"]["LessonStatus"];
            /** @description False for an editor's preview (nothing is recorded). */
            enrolled: boolean;
            /** Format: uuid */
            previous_lesson_id: string | null;
            /** Format: uuid */
            next_lesson_id: string | null;
            /** @description Article only; sanitized on the server. */
            body_html?: string;
            /**
             * Format: uuid
             * @description Video only.
             */
            media_id?: string | null;
            playback?: components["schemas"]["Playback"];
            /** @description Video only; null until the media is ready. */
            duration_seconds?: number | null;
            /** @description Video only; where to resume. */
            position_ms?: number;
            /** @description Video only. */
            watched_ms?: number;
            /** @description Video only. */
            watched_percent?: number;
            /** @description File only. */
            file_name?: string | null;
            /** @description File only */
            file_size?: number | null;
            /**
             * Format: uuid
             * @description Quiz only; the quiz routes serve it.
             */
            quiz_lesson_id?: string;
        };
        HeartbeatResult: {
            /** @description The stored resume position. */
            position_ms: number;
            /** @description Distinct milliseconds watched. */
            watched_ms: number;
            watched_percent: number;
            completed: boolean;
            /** @description False when the span was implausible and ignored. */
            span_counted: boolean;
            note?: string;
            /** @description Only when this beat completed the lesson. */
            course_completed_now?: boolean;
            /** @description Only when this beat completed the lesson. */
            progress_percent?: number;
            /** @description Only when this beat completed the lesson. */
            certificate_code?: string | null;
        };
        CompletionOutcome: {
            lesson_completed: boolean;
            /** @description False when it already was (a retry). */
            lesson_completed_now: boolean;
            course_completed_now: boolean;
            progress_percent: number;
            /** @description The certificate issued now */
            certificate_code: string | null;
        };
        DashboardCourse: {
            /** Format: uuid */
            course_id: string;
            slug: string;
            title: string;
            progress_percent: number;
            completed_lessons: number;
            required_lessons: number;
            /** Format: date-time */
            due_at: string | null;
            overdue: boolean;
            /** Format: date-time */
            enrolled_at: string;
            /** Format: date-time */
            last_activity_at: string | null;
            continue: null | {
                /** Format: uuid */
                lesson_id: string;
                lesson_title: string;
                lesson_kind: components["schemas"]["LessonKind"];
                position_ms: number;
            };
        };
        Dashboard: {
            in_progress: components["schemas"]["DashboardCourse"][];
            completed: {
                /** Format: uuid */
                course_id: string;
                slug: string;
                title: string;
                /** Format: date-time */
                completed_at: string | null;
                certificate_code: string | null;
            }[];
            counts: {
                in_progress: number;
                completed: number;
                overdue: number;
                certificates: number;
            };
        };
        /** @enum {string} */
        QuestionKind: "single_choice" | "multiple_choice" | "true_false" | "short_text" | "numeric";
        QuestionOption: {
            id: string;
            text: string;
        };
        /**
         * @description By kind: `{"correct": ["a"]}` (choice), `{"correct": true}` (true/false),
         *     `{"accepted": ["…"], "case_sensitive": false}` (short text),
         *     `{"value": 3.14, "tolerance": 0.01}` (numeric).
         */
        QuestionAnswerKey: {
            correct?: string[] | boolean;
            accepted?: string[];
            case_sensitive?: boolean;
            value?: number;
            tolerance?: number;
        };
        Question: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["QuestionKind"];
            prompt: string;
            options: components["schemas"]["QuestionOption"][];
            answer: components["schemas"]["QuestionAnswerKey"];
            explanation: string;
            points: number;
            partial_credit: boolean;
            archived: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        QuestionInput: {
            kind: components["schemas"]["QuestionKind"];
            prompt: string;
            options?: components["schemas"]["QuestionOption"][];
            answer: components["schemas"]["QuestionAnswerKey"];
            explanation?: string;
            points?: number;
            /** @description Multiple choice: (right − wrong) / correct, floored at 0. */
            partial_credit?: boolean;
        };
        QuestionPatch: {
            kind?: components["schemas"]["QuestionKind"];
            prompt?: string;
            options?: components["schemas"]["QuestionOption"][];
            answer?: components["schemas"]["QuestionAnswerKey"];
            explanation?: string;
            points?: number;
            partial_credit?: boolean;
        };
        /** @enum {string} */
        ShowAnswers: "never" | "after_submit" | "after_pass";
        QuizSettingsInput: {
            /** @description A fixed list; empty: the whole bank. */
            question_ids?: string[];
            /** @description Draw this many at random; null: all. */
            draw_count?: number | null;
            /** @default true */
            shuffle_options: boolean;
            time_limit_seconds?: number | null;
            /** @description null: unlimited. */
            attempts_allowed?: number | null;
            /** @default 70 */
            passing_percent: number;
            show_answers?: components["schemas"]["ShowAnswers"];
        };
        QuizSettings: {
            /** Format: uuid */
            lesson_id: string;
            title: string;
            question_ids: string[];
            draw_count: number | null;
            shuffle_options: boolean;
            time_limit_seconds: number | null;
            attempts_allowed: number | null;
            passing_percent: number;
            show_answers: components["schemas"]["ShowAnswers"];
            /** @description Questions in the bank */
            bank_size: number;
        };
        /** @description By question id: an option id (single choice), option ids (multiple choice), a boolean, a text, or a number (as a string or number); null clears. */
        QuizAnswers: {
            [key: string]: unknown;
        };
        QuizCompletion: {
            lesson_completed: boolean;
            /** @description Completed by this attempt. */
            course_completed: boolean;
            progress_percent: number | null;
            /** @description Issued by this attempt. */
            certificate_code: string | null;
        };
        AttemptQuestion: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["QuestionKind"];
            prompt: string;
            points: number;
            /** @description In this attempt's order. */
            options: components["schemas"]["QuestionOption"][];
            /** @description The learner's saved answer */
            response: unknown;
            /** @description After submission, unless the quiz never shows answers. */
            earned?: number;
            /** @description After submission, unless the quiz never shows answers. */
            correct?: boolean;
            answer?: components["schemas"]["QuestionAnswerKey"];
            /** @description Only when the quiz shows answers. */
            explanation?: string;
        };
        QuizAttemptSummary: {
            /** Format: uuid */
            id: string;
            number: number;
            /** @enum {string} */
            status: "open" | "submitted";
            /** Format: date-time */
            started_at: string;
            /** Format: date-time */
            deadline: string | null;
            /** Format: date-time */
            submitted_at: string | null;
            score: number | null;
            max_score: number | null;
            percent: number | null;
            passed: boolean | null;
            /** @description Graded at its deadline with the answers saved by then. */
            late: boolean;
        };
        QuizAttempt: components["schemas"]["QuizAttemptSummary"] & {
            /** Format: uuid */
            lesson_id: string;
            /** Format: uuid */
            course_id: string;
            time_limit_seconds: number | null;
            /** @description Until the deadline */
            seconds_left: number | null;
            passing_percent: number;
            answers_shown: boolean;
            completion?: components["schemas"]["QuizCompletion"];
            questions: components["schemas"]["AttemptQuestion"][];
        };
        MyQuizAttempts: {
            quiz: {
                /** Format: uuid */
                lesson_id: string;
                /** Format: uuid */
                course_id: string;
                title: string;
                question_count: number;
                time_limit_seconds: number | null;
                attempts_allowed: number | null;
                passing_percent: number;
                show_answers: components["schemas"]["ShowAnswers"];
            };
            attempts: components["schemas"]["QuizAttemptSummary"][];
            attempts_used: number;
            /** @description null: unlimited. */
            attempts_left: number | null;
            best_percent: number | null;
            passed: boolean;
        };
        Certificate: {
            /** Format: uuid */
            id: string;
            code: string;
            /** @enum {string} */
            kind: "course" | "path";
            /** @description The course's or path's title on the day it was issued. */
            title: string;
            learner_name: string;
            /** Format: uuid */
            course_id: string | null;
            /** Format: uuid */
            path_id: string | null;
            /** Format: date-time */
            issued_at: string;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description Not revoked. */
            valid: boolean;
            /** @description The public verification page. */
            verify_url: string;
        };
        /** @description What anyone with the code may see; no account ids or emails. */
        CertificateVerification: {
            code: string;
            learner_name: string;
            title: string;
            /** @enum {string} */
            kind: "course" | "path";
            /** Format: date-time */
            issued_at: string;
            valid: boolean;
            /** Format: date-time */
            revoked_at: string | null;
        };
        /** @enum {string} */
        PathStatus: "draft" | "published" | "archived";
        PathSummary: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            status: components["schemas"]["PathStatus"];
            version: number;
            course_count: number;
            /** Format: date-time */
            published_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        PathCourse: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            level: string;
            duration_minutes: number;
            /** @enum {string} */
            status: "draft" | "published" | "archived";
            position: number;
        };
        PathDetail: components["schemas"]["PathSummary"] & {
            description_md: string;
            /** @description Rendered from the Markdown (safe). */
            description_html: string;
            courses: components["schemas"]["PathCourse"][];
        };
        CatalogPath: {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            summary: string;
            course_count: number;
            /** Format: date-time */
            published_at: string | null;
        };
        CatalogPathDetail: components["schemas"]["CatalogPath"] & {
            description_html: string;
            courses: components["schemas"]["PathCourse"][];
        };
        MyPath: {
            path: {
                /** Format: uuid */
                id: string;
                slug: string;
                title: string;
                status: components["schemas"]["PathStatus"];
            };
            /** Format: date-time */
            enrolled_at: string;
            completed_courses: number;
            total_courses: number;
            percent: number;
            /** @description The first course of the path not yet completed; null when all are. */
            next_course: null | {
                /** Format: uuid */
                id: string;
                slug: string;
                title: string;
            };
            /** Format: date-time */
            completed_at: string | null;
            /** Format: uuid */
            certificate_id: string | null;
            certificate_code: string | null;
        };
        SkillLevel: {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            level: number;
            /** @description Completed courses that teach it. */
            courses: number;
            /** Format: date-time */
            last_completed_at: string;
        };
    };
    responses: {
        /** @description `bad_request`, `invalid_json`, `invalid_token`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unauthenticated`, `invalid_credentials`, `mfa_required`. */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `forbidden`, `cross_site_request`, `mfa_enrolment_required` (an admin
         *     without two-factor authentication), `email_not_verified`,
         *     `signup_closed`.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_found`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `conflict`. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `payload_too_large`. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unsupported_media_type`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `precondition_failed`: tus uploads need `Tus-Resumable: 1.0.0` (the answer names `Tus-Version`). */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `upload_rejected`: the file is not what its kind allows; `detail` says why. */
        UploadRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `upload_busy`: another request is writing this upload; retry. */
        UploadBusy: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `media_link_invalid` or `media_link_expired` (ask the lesson for a fresh link). */
        MediaLinkRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `range_not_satisfiable`; `Content-Range: bytes *\/<length>`. */
        RangeNotSatisfiable: {
            headers: {
                "Content-Range"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `validation_failed`; `detail` names the field. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `rate_limited`; wait `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_ready`, `database_unavailable`, `too_many_connections`, `mail_unavailable`. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        IdPath: string;
        /** @description Page size. */
        Limit: number;
        /** @description The previous page's `next_cursor`; opaque. */
        Cursor: string;
        SignedMedia: string;
        /** @description Unix time after which the link is refused. */
        SignedExpires: number;
        /** @description HMAC over the prefix and expiry, base64url. */
        SignedSignature: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusBody"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusBody"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Build information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionInfo"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API description. Revalidate with If-None-Match. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
        };
    };
    postClientTiming: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClientTiming"];
            };
        };
        responses: {
            /** @description Recorded. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    updatePlatformSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    signup?: "open" | "invite_only";
                };
            };
        };
        responses: {
            /** @description The settings after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        signup: "open" | "invite_only";
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listRoutes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The routes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        routes: components["schemas"]["RouteInfo"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    getPlatform: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platform settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Platform"];
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest activity first, at most 100. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: components["schemas"]["Session"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description Signed in; the response sets the session cookie. */
            201: {
                headers: {
                    /** @description `sn_session` (`__Host-sn_session` over https), HttpOnly, SameSite=Lax. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        user_id: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    signOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session ended; the cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"] | components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new token pair. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    setPasswordWithToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description The password is set. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Accepted; check the mailbox. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Empty"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The address is verified. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Empty"];
                };
            };
            400: components["responses"]["BadRequest"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Empty"];
                };
            };
            400: components["responses"]["BadRequest"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOidc: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SSO configuration the sign-in page needs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OidcInfo"];
                };
            };
        };
    };
    startOidc: {
        parameters: {
            query?: {
                /** @description An in-app path (starting with one `/`) to land on after sign-in. */
                return_to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider's authorization endpoint. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
        };
    };
    oidcCallback: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description To `return_to` with the session cookie, or to
             *     `/sign-in?error=sso_failed`.
             */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthenticated"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    changeEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Accepted; check the new mailbox. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Empty"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    startTotpEnrolment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentPasswordRequest"];
            };
        };
        responses: {
            /** @description The secret to put in an authenticator app. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpEnrolment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentPasswordRequest"];
            };
        };
        responses: {
            /** @description Turned off. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    confirmTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Enrolled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    regenerateRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrentPasswordRequest"];
            };
        };
        responses: {
            /** @description The new codes, shown once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Part of the email or name. */
                q?: string;
                role?: components["schemas"]["Role"];
                status?: components["schemas"]["UserStatus"];
                /** @description A group id. */
                group?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: components["schemas"]["User"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    inviteUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    role: components["schemas"]["Role"];
                    groups?: string[];
                };
            };
        };
        responses: {
            /** @description The invited user. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    importUsers: {
        parameters: {
            query: {
                mode: components["schemas"]["ImportMode"];
                dry_run: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description What was (or, on a dry run, would be) imported. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    role?: components["schemas"]["Role"];
                    /** @enum {string} */
                    status?: "active" | "disabled";
                };
            };
        };
        responses: {
            /** @description The updated user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    endUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listGroupDirectory: {
        parameters: {
            query?: {
                /** @description Part of the name. */
                q?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of groups. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: components["schemas"]["Group"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description Part of the name. */
                q?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of groups. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        groups: components["schemas"]["Group"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupInput"];
            };
        };
        responses: {
            /** @description The new group. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description The updated group. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Group"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listGroupMembers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: components["schemas"]["User"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    addGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user_ids: string[];
                };
            };
        };
        responses: {
            /** @description Added. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    removeGroupMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description An event name, e.g. `sign_in.failed`. */
                event?: string;
                user_id?: string;
                /** @description The user's email address. */
                email?: string;
                /** @description Inclusive lower bound. */
                from?: string;
                /** @description Exclusive upper bound. */
                to?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AuditEvent"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listSkills: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every skill, by name. Cacheable (ETag). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        skills: components["schemas"]["Skill"][];
                    };
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createSkill: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkillInput"];
            };
        };
        responses: {
            /** @description The new skill. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Skill"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteSkill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateSkill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkillInput"];
            };
        };
        responses: {
            /** @description The skill. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Skill"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listMyCourses: {
        parameters: {
            query?: {
                status?: "draft" | "published" | "archived";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        courses: components["schemas"]["CourseListItem"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createCourse: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CourseInput"];
            };
        };
        responses: {
            /** @description The editor's view of the new course (ETag = its version). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateCourse: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the course as last read. */
                "If-Match": string;
            };
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CourseInput"];
            };
        };
        responses: {
            /** @description The course as changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            /** @description `precondition_failed`: changed since read (the current ETag is in the response). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description `precondition_required`: send If-Match. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The published course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `course_incomplete` (with `problems`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["CourseIncompleteProblem"];
                };
            };
        };
    };
    archiveCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    addCourseOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    user_id?: string;
                    email?: string;
                };
            };
        };
        responses: {
            /** @description The course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    removeCourseOwner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    setCourseSkills: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    skills: {
                        /** Format: uuid */
                        skill_id: string;
                        /** @default 1 */
                        level?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description The course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    setCoursePrerequisites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    course_ids: string[];
                };
            };
        };
        responses: {
            /** @description The course. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createSection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SectionInput"];
            };
        };
        responses: {
            /** @description The section (ETag = the new course version). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EditorSection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteSection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                section_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateSection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                section_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SectionInput"];
            };
        };
        responses: {
            /** @description The section. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EditorSection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createLesson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                section_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LessonInput"];
            };
        };
        responses: {
            /** @description The lesson (ETag = the new course version). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EditorLesson"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getLessonForEditing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lesson. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EditorLesson"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteLesson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateLesson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LessonInput"];
            };
        };
        responses: {
            /** @description The lesson. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EditorLesson"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reorderOutline: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the course as last read. */
                "If-Match": string;
            };
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sections: {
                        /** Format: uuid */
                        id: string;
                        lesson_ids: string[];
                    }[];
                };
            };
        };
        responses: {
            /** @description The course in its new order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CourseEditor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `precondition_failed`: changed since read (the current ETag is in the response). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description `precondition_required`: send If-Match. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchCatalog: {
        parameters: {
            query?: {
                /** @description Words, all required; the last one matches as a prefix. */
                q?: string;
                /** @description A skill slug. */
                skill?: string;
                level?: "beginner" | "intermediate" | "advanced";
                language?: string;
                min_minutes?: number;
                max_minutes?: number;
                /** @description relevance (default with q; needs q), newest (default without q), title, popular. */
                sort?: "relevance" | "newest" | "title" | "popular";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. Cacheable (ETag; public for anonymous callers). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        courses: components["schemas"]["CatalogCourse"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCatalogCourse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The course page. Cacheable (ETag). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogPage"];
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
        };
    };
    getMyEnrolment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The enrolment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
        };
    };
    enrolMyself: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already enrolled; nothing changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolment"];
                };
            };
            /** @description Enrolled now (or again). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `prerequisites_not_met`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PrerequisitesProblem"];
                };
            };
        };
    };
    withdrawMyself: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn (or already). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    enrolLearners: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user_ids?: string[];
                    group_ids?: string[];
                    /** Format: date-time */
                    due_at?: string | null;
                };
            };
        };
        responses: {
            /** @description What changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolLearnersResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    importEnrolments: {
        parameters: {
            query?: {
                mode?: components["schemas"]["ImportMode"];
                dry_run?: "true" | "false";
            };
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description What was (or, on a dry run, would be) enrolled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrolmentImportReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    withdrawLearner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn (or already). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateEnrolment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    due_at: string | null;
                };
            };
        };
        responses: {
            /** @description The enrolment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Enrolment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listLearners: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
                status?: components["schemas"]["EnrolmentStatus"];
            };
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of learners, in user id order, and the course's quiz lessons. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        learners: components["schemas"]["Learner"][];
                        next_cursor: components["schemas"]["NextCursor"];
                        quizzes: components["schemas"]["QuizLessonRef"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    exportLearners: {
        parameters: {
            query?: {
                status?: components["schemas"]["EnrolmentStatus"];
            };
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CSV file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getLearnerOutline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnerOutline"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getLearnerLesson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lesson, with the fields of its kind. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LearnerLesson"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    createUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created; `Location` names the upload. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    describeUploads: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What this server supports */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    getUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The upload. */
            200: {
                headers: {
                    "Upload-Offset"?: number;
                    "Upload-Length"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UploadRejected"];
        };
    };
    terminateUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            423: components["responses"]["UploadBusy"];
        };
    };
    appendUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Stored. */
            204: {
                headers: {
                    "Upload-Offset"?: number;
                    /** @description When the upload is complete. */
                    "Upload-Media-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UploadRejected"];
            423: components["responses"]["UploadBusy"];
            /** @description `checksum_mismatch`: the chunk was discarded. */
            460: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyMedia: {
        parameters: {
            query?: {
                kind?: "video" | "image" | "attachment";
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of media items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MediaItem"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaItem"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    downloadMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description A byte range. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            416: components["responses"]["RangeNotSatisfiable"];
        };
    };
    retryMedia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The item, processing again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaItem"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    putCaptions: {
        parameters: {
            query?: {
                /** @description The name in the player's menu (default the language tag). */
                label?: string;
            };
            header?: never;
            path: {
                id: string;
                /** @description A language tag such as `en`, `pt-BR` or `zh-Hant`. */
                language: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/vtt": string;
            };
        };
        responses: {
            /** @description The video with its captions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaItem"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UploadRejected"];
        };
    };
    deleteCaptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description A language tag such as `en`, `pt-BR` or `zh-Hant`. */
                language: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getSignedMediaFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media: components["parameters"]["SignedMedia"];
                /** @description Unix time after which the link is refused. */
                expires: components["parameters"]["SignedExpires"];
                /** @description HMAC over the prefix and expiry, base64url. */
                signature: components["parameters"]["SignedSignature"];
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.apple.mpegurl": string;
                };
            };
            /** @description A byte range. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["MediaLinkRefused"];
            404: components["responses"]["NotFound"];
            416: components["responses"]["RangeNotSatisfiable"];
        };
    };
    getSignedMediaRenditionFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media: components["parameters"]["SignedMedia"];
                /** @description Unix time after which the link is refused. */
                expires: components["parameters"]["SignedExpires"];
                /** @description HMAC over the prefix and expiry, base64url. */
                signature: components["parameters"]["SignedSignature"];
                dir: string;
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "video/mp2t": string;
                };
            };
            /** @description A byte range. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            403: components["responses"]["MediaLinkRefused"];
            404: components["responses"]["NotFound"];
            416: components["responses"]["RangeNotSatisfiable"];
        };
    };
    downloadLessonFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description A byte range. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            416: components["responses"]["RangeNotSatisfiable"];
        };
    };
    videoHeartbeat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    position_ms: number;
                    playback_rate: number;
                    played: {
                        from_ms: number;
                        to_ms: number;
                    };
                    since_last_ms?: number;
                    /**
                     * Format: uuid
                     * @description With `sequence`.
                     */
                    playback_id?: string;
                    /** @description With `playback_id`. */
                    sequence?: number;
                };
            };
        };
        responses: {
            /** @description Progress after this beat. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeartbeatResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    completeLesson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What completing it changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompletionOutcome"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard (at most 50 courses per list). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            401: components["responses"]["Unauthenticated"];
        };
    };
    listQuestions: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` includes archived questions. */
                archived?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description The course. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of questions, answer keys included. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        questions: components["schemas"]["Question"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createQuestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestionInput"];
            };
        };
        responses: {
            /** @description The question. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Question"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getQuestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                question_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The question. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Question"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteQuestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                question_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What happened. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @enum {string} */
                        outcome: "deleted" | "archived";
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateQuestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                question_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestionPatch"];
            };
        };
        responses: {
            /** @description The question. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Question"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getQuizSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                /** @description A quiz lesson of the course. */
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizSettings"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    putQuizSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The course. */
                id: string;
                /** @description A quiz lesson of the course. */
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuizSettingsInput"];
            };
        };
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizSettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listMyAttempts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The quiz lesson. */
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quiz and my attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyQuizAttempts"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description `not_enrolled`, `lesson_locked`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    startAttempt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The quiz lesson. */
                lesson_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempt already open. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizAttempt"];
                };
            };
            /** @description A new attempt; its questions carry no answer keys. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizAttempt"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description `not_enrolled`, `lesson_locked`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            404: components["responses"]["NotFound"];
            /** @description `attempts_exhausted`, or `conflict` when the quiz has no questions. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAttempt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizAttempt"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
        };
    };
    saveAnswers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    answers: components["schemas"]["QuizAnswers"];
                };
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        answers: components["schemas"]["QuizAnswers"];
                        seconds_left: number | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            /** @description `attempt_closed`: submitted, or past its deadline (then graded with what was saved). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
        };
    };
    submitAttempt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attempt_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Generated by the client once per submission */
                    submit_key: string;
                    answers?: components["schemas"]["QuizAnswers"];
                };
            };
        };
        responses: {
            /** @description The graded attempt (late when the deadline had passed; then only saved answers count). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuizAttempt"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            /** @description `attempt_closed`: already submitted with another key. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
        };
    };
    listMyCertificates: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of certificates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificates: components["schemas"]["Certificate"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCertificatePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An A4 landscape PDF. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
        };
    };
    verifyCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The printed verification code, e.g. SN-7K2M-9QXD-4TRB-W8HF (any case). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the certificate says and whether it stands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificateVerification"];
                };
            };
            /** @description Not modified (If-None-Match). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
        };
    };
    verifyCertificatePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The printed verification code, e.g. SN-7K2M-9QXD-4TRB-W8HF (any case). */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An A4 landscape PDF. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    revokeCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The revoked certificate. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certificate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listMyPaths: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of paths. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paths: components["schemas"]["PathSummary"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createPath: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    slug?: string;
                    summary?: string;
                    description_md?: string;
                };
            };
        };
        responses: {
            /** @description The path; `ETag` is its version. */
            201: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The path; `ETag` is its version. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updatePath: {
        parameters: {
            query?: never;
            header: {
                /** @description The path's current `ETag`. */
                "If-Match": string;
            };
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    slug?: string;
                    summary?: string;
                    description_md?: string;
                };
            };
        };
        responses: {
            /** @description The updated path and its new `ETag`. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            /** @description `precondition_failed`: the path changed since that ETag. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description `precondition_required`: send If-Match. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPathCourses: {
        parameters: {
            query?: never;
            header: {
                /** @description The path's current `ETag`. */
                "If-Match": string;
            };
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    course_ids: string[];
                };
            };
        };
        responses: {
            /** @description The path with its new course list and `ETag`. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            /** @description `precondition_failed`: the path changed since that ETag. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description `precondition_required`: send If-Match. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The published path. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    archivePath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived path. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    enrolInPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already enrolled; the recounted progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyPath"];
                };
            };
            /** @description Enrolled. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyPath"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    leavePath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["IdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Left (or was not in it). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
        };
    };
    listCatalogPaths: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of paths. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paths: components["schemas"]["CatalogPath"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            /** @description Not modified (If-None-Match). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCatalogPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The path. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogPathDetail"];
                };
            };
            /** @description Not modified (If-None-Match). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
        };
    };
    listMyEnrolledPaths: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The previous page's `next_cursor`; opaque. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of my paths. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paths: components["schemas"]["MyPath"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getMySkills: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        skills: components["schemas"]["SkillLevel"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
        };
    };
}
