"use client";

import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import Link from "next/link";

import { OrgAvatar } from "@/components/org-avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface OrgOption {
  slug: string;
  name: string;
  role: string;
}

interface OrgSwitcherProps {
  /** Every org the user belongs to; the layout fetched them, so this stays free of data access. */
  orgs: OrgOption[];
  current: OrgOption;
}

/**
 * Moves between the user's organizations. Each entry is a plain link to /o/<slug>: the org
 * lives in the URL, never in the session, so two tabs can stay in two orgs. Without
 * JavaScript the menu cannot open; the logo leads to /dashboard, which lists the same orgs.
 */
export function OrgSwitcher({ orgs, current }: OrgSwitcherProps) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          // shrink (not the button default shrink-0): on a phone the name gives way first.
          className="min-w-0 shrink gap-2 px-2"
          title="Switch organization"
        >
          <OrgAvatar name={current.name} />
          <span className="min-w-0 truncate sm:max-w-[16rem]">{current.name}</span>
          <ChevronsUpDownIcon className="text-muted-foreground" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
          Organizations
        </DropdownMenuLabel>
        {orgs.map((org) => {
          const isCurrent = org.slug === current.slug;
          return (
            <DropdownMenuItem key={org.slug} asChild>
              <Link href={`/o/${org.slug}`} aria-current={isCurrent ? "true" : undefined}>
                <OrgAvatar name={org.name} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate">{org.name}</span>
                  <span className="block text-xs text-muted-foreground capitalize">{org.role}</span>
                </span>
                {isCurrent ? (
                  <>
                    <CheckIcon className="text-foreground" aria-hidden />
                    <span className="sr-only">(current)</span>
                  </>
                ) : null}
              </Link>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/dashboard#create-organization">
            <PlusIcon aria-hidden />
            Create organization
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
